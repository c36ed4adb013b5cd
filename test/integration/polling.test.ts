/**
 * Polling and private repositories against the real server (polling every second): a new
 * commit is picked up unasked; an unreachable repository gives RepoUnreachable without
 * losing what was known and recovers by itself; a private repository works once its
 * credentials are stored — and a planted credential shows up in no answer, page or log.
 */
import { randomBytes } from "node:crypto";
import { rename, stat } from "node:fs/promises";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { commitFiles, createGitFixture, type GitFixture } from "../helpers/git";
import { api } from "../helpers/lockstep-api";
import { createTestNamespace, type TestNamespace } from "../helpers/namespace";
import { readStoredText } from "../helpers/test-database";
import { startWebServer, type WebServer } from "../helpers/web-server";
import { until } from "../helpers/until";

const PLANTED = `planted-repo-token-${randomBytes(8).toString("hex")}`;

/** Each repository's own ConfigMap: apps that declared one object would share it (and warn). */
const CONFIGMAP = (value: string, name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  release: "${value}"\n`;

interface AppBody {
  name: string;
  status: { syncStatus: string; revision: string | null; reconciledAt: string | null; conditions: { type: string; message: string }[] };
}

describe("polling, unreachable repositories and private repositories", () => {
  let web: WebServer;
  let git: GitFixture;
  let privateGit: GitFixture;
  let namespace: TestNamespace;

  beforeAll(async () => {
    git = await createGitFixture();
    privateGit = await createGitFixture({ auth: { username: "reader", password: PLANTED } });
    namespace = await createTestNamespace("polling");
    web = await startWebServer({ kubeconfig: inject("kubeconfig"), env: { LOCKSTEP_REFRESH_SECONDS: "1" } });
  });

  afterAll(async () => {
    await web?.stop();
    await git?.cleanup();
    await privateGit?.cleanup();
    await namespace?.cleanup();
  });

  const appOf = async (name: string) => (await api<AppBody>(web.url, "GET", `/api/apps/${name}`)).body;

  async function createApp(repoUrl: string) {
    const name = `poll-${randomBytes(3).toString("hex")}`;
    const created = await api(web.url, "POST", "/api/apps", { name, repoUrl, targetRevision: "main", destNamespace: namespace.name });
    expect(created.status, created.text).toBe(201);
    return name;
  }

  async function publicRepo() {
    const id = randomBytes(3).toString("hex");
    const repoName = `poll-${id}.git`;
    const configMap = `settings-${id}`;
    const repo = await git.createRepo(repoName);
    const first = await commitFiles(repo, { files: { "cm.yaml": CONFIGMAP("1", configMap) }, message: "First release" });
    return { repo, url: git.server.repoUrl(repoName), first, configMap };
  }

  it("picks up a new commit without being asked", async () => {
    const { repo, url, first, configMap } = await publicRepo();
    const name = await createApp(url);
    expect((await appOf(name)).status.revision).toBe(first);
    const pushed = await commitFiles(repo, { files: { "cm.yaml": CONFIGMAP("2", configMap) }, message: "Second release" });
    const app = await until(() => appOf(name), (a) => a.status.revision === pushed, "the poll to find the new commit");
    expect(app.status.conditions).toEqual([]);
  });

  it("marks an unreachable repository RepoUnreachable, keeps the last known status, and recovers by itself", async () => {
    const { repo, url, first, configMap } = await publicRepo();
    const name = await createApp(url);
    const synced = await api<{ phase: string }>(web.url, "POST", `/api/apps/${name}/sync?wait=true`, {});
    expect(synced.body.phase, JSON.stringify(synced.body)).toBe("Succeeded");
    const known = await until(() => appOf(name), (a) => a.status.syncStatus === "Synced", "the app to be Synced");

    await rename(repo, `${repo}.moved`);
    const unreachable = await until(() => appOf(name), (a) => a.status.conditions.some((c) => c.type === "RepoUnreachable"), "RepoUnreachable");
    expect(unreachable.status.conditions[0]?.message).toMatch(/^git ls-remote failed: .*not found/);
    expect(unreachable.status.syncStatus).toBe(known.status.syncStatus);
    expect(unreachable.status.revision).toBe(first);
    const page = await fetch(`${web.url}/apps/${name}`, { headers: { authorization: `Bearer ${web.adminToken}` } }).then((r) => r.text());
    expect(page).toContain(`ConfigMap/${namespace.name}/${configMap}`);
    expect(page).toContain("RepoUnreachable");
    expect((await fetch(`${web.url}/api/openapi.json`)).status).toBe(200);

    await rename(`${repo}.moved`, repo);
    const recovered = await until(() => appOf(name), (a) => a.status.conditions.length === 0, "the app to recover");
    expect(recovered.status.revision).toBe(first);
    expect(recovered.status.syncStatus).toBe("Synced");
  });

  it("renders again on a hard refresh", async () => {
    const { url, first } = await publicRepo();
    const name = await createApp(url);
    const hard = await api<AppBody>(web.url, "POST", `/api/apps/${name}/refresh?hard=true`);
    expect(hard.status, hard.text).toBe(200);
    expect(hard.body.status.revision).toBe(first);
    expect(hard.body.status.conditions).toEqual([]);
  });

  it("reads a private repository with stored credentials, and the planted token appears in no answer, page, log or database file", async () => {
    const repoName = `private-${randomBytes(3).toString("hex")}.git`;
    const repo = await privateGit.createRepo(repoName);
    const first = await commitFiles(repo, { files: { "cm.yaml": CONFIGMAP("private", `settings-${repoName.replace(".git", "")}`) }, message: "Private release" });
    const name = await createApp(privateGit.server.repoUrl(repoName));
    const refused = await appOf(name);
    expect(refused.status.conditions[0]?.type).toBe("RepoUnreachable");

    const invalid = await api(web.url, "POST", "/api/repositories", { urlPrefix: privateGit.server.url, kind: "https", username: "reader" });
    expect(invalid.status).toBe(422);
    expect(invalid.text).toContain("Token or password is required for HTTPS credentials.");
    const inUrl = await api(web.url, "POST", "/api/repositories", { urlPrefix: `http://reader:${PLANTED}@127.0.0.1:1/`, username: "reader", password: PLANTED });
    expect(inUrl.status).toBe(422);
    expect(inUrl.text).not.toContain(PLANTED);

    const stored = await api<{ id: string; hasSecret: boolean }>(web.url, "POST", "/api/repositories", { urlPrefix: privateGit.server.url, username: "reader", password: PLANTED });
    expect(stored.status, stored.text).toBe(201);
    expect(stored.body).toMatchObject({ kind: "https", username: "reader", hasSecret: true });

    const app = await until(() => appOf(name), (a) => a.status.revision === first && a.status.conditions.length === 0, "the private app to be read");
    expect(app.status.revision).toBe(first);

    const answers = await Promise.all(
      [
        "/api/repositories",
        `/api/repositories/${stored.body.id}`,
        "/api/apps",
        `/api/apps/${name}`,
        `/api/apps/${name}/diff?refresh=true`,
        `/api/apps/${name}/history`,
        "/api/audit",
        "/repositories",
        `/apps/${name}`,
        "/",
      ].map(async (urlPath) => {
        const response = await fetch(`${web.url}${urlPath}`, { headers: { authorization: `Bearer ${web.adminToken}` } });
        expect(response.status, urlPath).toBe(200);
        return { urlPath, text: await response.text() };
      }),
    );
    expect(answers.find((a) => a.urlPath === "/repositories")?.text).toContain(privateGit.server.url);
    for (const answer of answers) expect(answer.text, answer.urlPath).not.toContain(PLANTED);
    expect(web.logs()).not.toContain(PLANTED);

    const storage = await readStoredText(web);
    expect(storage.length).toBeGreaterThan(0);
    for (const { where, text } of storage) expect(text.includes(PLANTED), where).toBe(false);
    expect((await stat(path.join(web.dataDir, "secret.key"))).mode & 0o777).toBe(0o600);
  });
});
