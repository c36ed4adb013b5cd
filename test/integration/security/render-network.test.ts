/**
 * Rendering cannot reach the network: a kustomization naming a URL on the server's own host —
 * in `resources` (even with a local file of that name), in `transformers`, or as a
 * `git::http://` base — is refused with a ComparisonError naming the reference, and the
 * service behind the URL sees no request. (Kustomize also runs in a network namespace of its
 * own; lib/source/kustomize.test.ts shows it cannot fetch even past the pre-check.)
 */
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { commitFiles, createGitFixture, type GitFixture } from "../../helpers/git";
import { api } from "../../helpers/lockstep-api";
import { startWebServer, type WebServer } from "../../helpers/web-server";

interface AppBody {
  status: { conditions: { type: string; message: string }[] };
}

const CONFIGMAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fetched\n";

describe("rendering and the network", () => {
  let web: WebServer;
  let git: GitFixture;
  let recorder: Server;
  let base: string;
  const requests: string[] = [];

  beforeAll(async () => {
    recorder = createServer((request, response) => {
      requests.push(`${request.method} ${request.url}`);
      response.end(CONFIGMAP);
    });
    await new Promise<void>((resolve) => recorder.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`;
    git = await createGitFixture();
    web = await startWebServer({ kubeconfig: inject("kubeconfig") });
  });

  afterAll(async () => {
    await web?.stop();
    await git?.cleanup();
    await new Promise((resolve) => recorder?.close(resolve));
  });

  /** Commits `files` to a new repository, creates an app on its `app` directory, refreshes it and answers its ComparisonError. */
  async function comparisonErrorOf(label: string, files: Record<string, string>): Promise<string | undefined> {
    const id = randomBytes(3).toString("hex");
    const repoName = `${label}-${id}.git`;
    const repo = await git.createRepo(repoName);
    await commitFiles(repo, { files, message: label });
    const name = `${label}-${id}`;
    const created = await api(web.url, "POST", "/api/apps", { name, repoUrl: git.server.repoUrl(repoName), targetRevision: "main", path: "app", destNamespace: name, createNamespace: true });
    expect(created.status, created.text).toBe(201);
    const refreshed = await api(web.url, "POST", `/api/apps/${name}/refresh`);
    expect(refreshed.status, refreshed.text).toBe(200);
    const app = await api<AppBody>(web.url, "GET", `/api/apps/${name}`);
    return app.body.status.conditions.find((c) => c.type === "ComparisonError")?.message;
  }

  it("refuses a resource on the server's own host, even with a local file of that name", async () => {
    const url = `${base}/x.yaml`;
    const message = await comparisonErrorOf("net-resource", {
      "app/kustomization.yaml": `resources:\n  - ${url}\n`,
      [`app/${url.replace("//", "/")}`]: CONFIGMAP,
    });
    expect(message).toContain(`app/kustomization.yaml: resources entry ${url} is remote; remote bases are off`);
    expect(requests).toEqual([]);
  });

  it("refuses a transformer on the server's own host", async () => {
    const url = `${base}/transformer.yaml`;
    const message = await comparisonErrorOf("net-transformer", { "app/kustomization.yaml": `resources:\n  - cm.yaml\ntransformers:\n  - ${url}\n`, "app/cm.yaml": CONFIGMAP });
    expect(message).toContain(`app/kustomization.yaml: transformers entry ${url} is remote`);
    expect(requests).toEqual([]);
  });

  it("refuses a git::http base on the server's own host", async () => {
    const ref = `git::${base}/repo.git`;
    const message = await comparisonErrorOf("net-git", { "app/kustomization.yaml": `resources:\n  - ${ref}\n` });
    expect(message).toContain(`app/kustomization.yaml: resources entry ${ref} is remote`);
    expect(requests).toEqual([]);
  });
});
