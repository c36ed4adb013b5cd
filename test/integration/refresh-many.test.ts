/**
 * Refreshing many apps at once (`POST /api/refresh`) against the real server, Git over HTTP
 * and the cluster: the named apps (or all) are compared at the commit Git has now, and bad
 * requests get one sentence each.
 */
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { commitFiles, createGitFixture, type GitFixture } from "../helpers/git";
import { api } from "../helpers/lockstep-api";
import { createTestNamespace, type TestNamespace } from "../helpers/namespace";
import { startWebServer, type WebServer } from "../helpers/web-server";

const CONFIGMAP = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  release: "${value}"\n`;

interface RefreshBody {
  apps: { name: string; syncStatus: string; revision?: string; error?: string }[];
}

describe("refreshing many apps at once", () => {
  let web: WebServer;
  let git: GitFixture;
  let namespace: TestNamespace;
  let repo: string;
  const names = [`many-a-${randomBytes(2).toString("hex")}`, `many-b-${randomBytes(2).toString("hex")}`];

  beforeAll(async () => {
    git = await createGitFixture();
    namespace = await createTestNamespace("refresh-many");
    web = await startWebServer({ kubeconfig: inject("kubeconfig") });
    repo = await git.createRepo("many.git");
    await commitFiles(repo, { files: { "a/cm.yaml": CONFIGMAP("a", "1"), "b/cm.yaml": CONFIGMAP("b", "1") }, message: "First release" });
    for (const [i, name] of names.entries()) {
      const path = i === 0 ? "a" : "b";
      const created = await api(web.url, "POST", "/api/apps", { name, repoUrl: git.server.repoUrl("many.git"), targetRevision: "main", path, destNamespace: namespace.name });
      expect(created.status, created.text).toBe(201);
    }
  });

  afterAll(async () => {
    await web?.stop();
    await git?.cleanup();
    await namespace?.cleanup();
  });

  it("compares every named app at the commit Git has now and answers each one's status", async () => {
    const pushed = await commitFiles(repo, { files: { "a/cm.yaml": CONFIGMAP("a", "2"), "b/cm.yaml": CONFIGMAP("b", "2") }, message: "Second release" });
    const answer = await api<RefreshBody>(web.url, "POST", "/api/refresh", { apps: names });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.apps).toEqual(names.map((name) => expect.objectContaining({ name, revision: pushed, syncStatus: "OutOfSync" })));
    for (const name of names) expect((await api<{ status: { revision: string } }>(web.url, "GET", `/api/apps/${name}`)).body.status.revision).toBe(pushed);
  });

  it("refreshes every app the caller may refresh when no names are given", async () => {
    const pushed = await commitFiles(repo, { files: { "a/cm.yaml": CONFIGMAP("a", "3") }, message: "Third release" });
    const answer = await api<RefreshBody>(web.url, "POST", "/api/refresh", {});
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.apps.map((app) => [app.name, app.revision]).sort()).toEqual(names.map((name) => [name, pushed]));
  });

  it("refuses an unknown app with one sentence and refreshes nothing, and a malformed body field by field", async () => {
    const unknown = await api<{ error: string }>(web.url, "POST", "/api/refresh", { apps: [names[0], "no-such-app"] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('Application "no-such-app" does not exist.');
    const malformed = await api<{ fields: { field: string; message: string }[] }>(web.url, "POST", "/api/refresh", { apps: "all", hard: "yes" });
    expect(malformed.status).toBe(422);
    expect(malformed.body.fields.map((f) => f.field).sort()).toEqual(["apps", "hard"]);
  });
});
