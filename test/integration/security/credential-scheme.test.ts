/**
 * Credentials over plain HTTP: a token stored for `https://host:port/` must not be sent to
 * `http://host:port/`, where anyone on the path reads it. The Git fixture serves plain HTTP
 * behind basic auth; a credential stored under the https:// spelling of its address leaves an
 * app on the http:// URL RepoUnreachable (nothing was sent), while one stored under the
 * http:// spelling reads it.
 */
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { commitFiles, createGitFixture, type GitFixture } from "../../helpers/git";
import { api } from "../../helpers/lockstep-api";
import { createTestNamespace, type TestNamespace } from "../../helpers/namespace";
import { startWebServer, type WebServer } from "../../helpers/web-server";
import { until } from "../../helpers/until";

const PASSWORD = `scheme-token-${randomBytes(8).toString("hex")}`;

interface AppBody {
  status: { revision: string | null; conditions: { type: string; message: string }[] };
}

describe("a credential stored for https:// is never sent over http://", () => {
  let web: WebServer;
  let privateGit: GitFixture;
  let namespace: TestNamespace;

  beforeAll(async () => {
    privateGit = await createGitFixture({ auth: { username: "reader", password: PASSWORD } });
    namespace = await createTestNamespace("credential-scheme");
    web = await startWebServer({ kubeconfig: inject("kubeconfig"), env: { LOCKSTEP_REFRESH_SECONDS: "1" } });
  });

  afterAll(async () => {
    await web?.stop();
    await privateGit?.cleanup();
    await namespace?.cleanup();
  });

  const appOf = async (name: string) => (await api<AppBody>(web.url, "GET", `/api/apps/${name}`)).body;

  it("leaves the http:// app RepoUnreachable with only an https:// credential, and reads it with an http:// one", async () => {
    expect(privateGit.server.url).toMatch(/^http:\/\//);
    const repoName = `scheme-${randomBytes(3).toString("hex")}.git`;
    const repo = await privateGit.createRepo(repoName);
    const first = await commitFiles(repo, { files: { "cm.yaml": `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${repoName.replace(".git", "")}\n` }, message: "Private" });

    const httpsPrefix = `${privateGit.server.url.replace(/^http:/, "https:")}/`;
    const tls = await api(web.url, "POST", "/api/repositories", { urlPrefix: httpsPrefix, username: "reader", password: PASSWORD });
    expect(tls.status, tls.text).toBe(201);

    const name = `scheme-${randomBytes(3).toString("hex")}`;
    const created = await api(web.url, "POST", "/api/apps", { name, repoUrl: privateGit.server.repoUrl(repoName), targetRevision: "main", destNamespace: namespace.name });
    expect(created.status, created.text).toBe(201);
    const hard = await api<AppBody>(web.url, "POST", `/api/apps/${name}/refresh?hard=true`);
    expect(hard.status, hard.text).toBe(200);
    expect(hard.body.status.conditions.map((c) => c.type)).toContain("RepoUnreachable");
    expect(hard.body.status.revision).not.toBe(first);

    const plain = await api(web.url, "POST", "/api/repositories", { urlPrefix: `${privateGit.server.url}/`, username: "reader", password: PASSWORD });
    expect(plain.status, plain.text).toBe(201);
    const read = await until(() => appOf(name), (a) => a.status.revision === first && a.status.conditions.length === 0, "the app to be read with the http:// credential");
    expect(read.status.revision).toBe(first);
  });
});
