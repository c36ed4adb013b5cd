/**
 * An app on a fresh repository, for integration tests: the files committed to a new bare
 * repository, and an app created on it through the API, in a namespace of its own.
 */
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { commitFiles, type GitFixture } from "./git";
import { api } from "./lockstep-api";
import type { WebServer } from "./web-server";

/** What {@link createAppOnRepo} made. */
export interface AppOnRepo {
  name: string;
  namespace: string;
  /** The bare repository's path, for later commits. */
  repo: string;
}

/**
 * Commits `files` to a new repository and creates an app on it (target `main`, path `.`,
 * `createNamespace` on), with `spec` added to the request.
 */
export async function createAppOnRepo(web: WebServer, git: GitFixture, files: Record<string, string>, spec: Record<string, unknown> = {}): Promise<AppOnRepo> {
  const id = randomBytes(3).toString("hex");
  const repoName = `repo-${id}.git`;
  const repo = await git.createRepo(repoName);
  await commitFiles(repo, { files, message: "Initial manifests" });
  const name = `app-${id}`;
  const namespace = `ns-${id}`;
  const created = await api(web.url, "POST", "/api/apps", {
    name,
    repoUrl: git.server.repoUrl(repoName),
    targetRevision: "main",
    path: ".",
    destNamespace: namespace,
    createNamespace: true,
    ...spec,
  });
  expect(created.status, created.text).toBe(201);
  return { name, namespace, repo };
}
