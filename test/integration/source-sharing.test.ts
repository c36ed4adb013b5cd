/**
 * What polling costs the Git host: one `ls-remote` per repository per cycle however many
 * apps use it, no fetch and no render while the commit does not move, a fresh render on a
 * hard refresh, and stored credentials used for a private repository. Real repositories over
 * smart HTTP, with a counting proxy in front to see every request git makes.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, request as httpRequest, type Server } from "node:http";
import os from "node:os";
import path from "node:path";

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createRevisionMemo, createSource, isGitError, type CredentialLookup, type FetchEvent, type LoadDesiredStateRequest, type Source } from "@/lib/source";

import { commitFiles, createGitFixture, type GitFixture } from "../helpers/git";

const CONFIGMAP = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  value: "${value}"\n`;

/** Forwards to `target` and counts ref advertisements (`GET …/info/refs`): one per ls-remote or fetch. */
async function countingProxy(target: string): Promise<{ url: string; refAdvertisements: () => number; close: () => Promise<void> }> {
  let count = 0;
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    if (req.method === "GET" && req.url?.includes("/info/refs")) count += 1;
    const forward = httpRequest({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    refAdvertisements: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("lib/source sharing and caching against real repositories", () => {
  let git: GitFixture;
  let proxy: Awaited<ReturnType<typeof countingProxy>>;
  let dataDir: string;
  let source: Source;
  let url: string;
  let repo: string;

  beforeAll(async () => {
    git = await createGitFixture();
    proxy = await countingProxy(git.server.url);
    repo = await git.createRepo("shared.git");
    await commitFiles(repo, { files: { "a/cm.yaml": CONFIGMAP("a", "1"), "b/cm.yaml": CONFIGMAP("b", "1"), "c/cm.yaml": CONFIGMAP("c", "1") }, message: "Three apps" });
    url = `${proxy.url}/shared.git`;
  });

  afterAll(async () => {
    await proxy?.close();
    await git?.cleanup();
  });

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "lockstep-sharing-"));
    source = createSource({ dataDir });
  });

  afterEach(async () => {
    await source?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const load = (app: string, options: Partial<LoadDesiredStateRequest> = {}) =>
    source.loadDesiredState({ repoUrl: url, revision: "main", path: app, appName: `app-${app}`, destNamespace: "default", ...options });

  it("asks the repository once per cycle for all the apps on it", async () => {
    await load("a");
    const before = proxy.refAdvertisements();
    const revisions = createRevisionMemo();
    const states = await Promise.all(["a", "b", "c"].map((app) => load(app, { revisions })));
    expect(states.map((s) => s.objects[0]?.metadata.name)).toEqual(["a", "b", "c"]);
    expect(proxy.refAdvertisements() - before).toBe(1);
    expect(revisions.lookups).toBe(1);

    const unshared = proxy.refAdvertisements();
    await Promise.all(["a", "b", "c"].map((app) => load(app)));
    expect(proxy.refAdvertisements() - unshared).toBe(3);
  });

  it("neither fetches nor renders again while the commit has not moved, and renders again on a hard refresh", async () => {
    const fetches: FetchEvent[] = [];
    const onFetch = (event: FetchEvent) => fetches.push(event);
    const first = await load("a", { onFetch });
    expect(fetches).toHaveLength(1);

    await rm(source.mirrorDir(url), { recursive: true, force: true });
    const again = await load("a", { onFetch });
    expect(fetches).toHaveLength(1);
    expect(again).toEqual(first);

    const hard = await load("a", { onFetch, hard: true });
    expect(fetches).toHaveLength(2);
    expect(hard).toEqual(first);

    const sha = await commitFiles(repo, { files: { "a/cm.yaml": CONFIGMAP("a", "2") }, message: "Bump a" });
    const moved = await load("a", { onFetch });
    expect(fetches).toHaveLength(3);
    expect(moved.commit.sha).toBe(sha);
    expect(moved.objects[0]?.data).toEqual({ value: "2" });
  });

  it("hands out copies, so a caller changing its objects does not change the next refresh's", async () => {
    const first = await load("b");
    first.objects[0]!.metadata.namespace = "changed-by-caller";
    const second = await load("b");
    expect(second.objects[0]?.metadata.namespace).toBe("default");
  });

  it("uses the credentials the lookup hook returns for a private repository, and never shows them", async () => {
    const secret = "planted-lookup-password-77";
    const privateGit = await createGitFixture({ auth: { username: "reader", password: secret } });
    try {
      const privateRepo = await privateGit.createRepo("private.git");
      const sha = await commitFiles(privateRepo, { files: { "cm.yaml": CONFIGMAP("private", "1") }, message: "Private" });
      const privateUrl = privateGit.server.repoUrl("private.git");
      const lookupWith =
        (password: string): CredentialLookup =>
        async (repoUrl) =>
          repoUrl.startsWith(privateGit.server.url) ? { basic: { username: "reader", password } } : undefined;
      const loadPrivate = (from: Source) =>
        from.loadDesiredState({ repoUrl: privateUrl, revision: "main", path: ".", appName: "private", destNamespace: "default", hard: true });

      const refused = await loadPrivate(source).catch((error: unknown) => error);
      expect(isGitError(refused)).toBe(true);

      const wrongSource = createSource({ dataDir, credentials: lookupWith(`${secret}-wrong`) });
      const wrong = await loadPrivate(wrongSource)
        .catch((error: unknown) => error)
        .finally(() => wrongSource.close());
      expect(isGitError(wrong)).toBe(true);
      expect(String((wrong as Error).message)).not.toContain(secret);

      const rightSource = createSource({ dataDir, credentials: lookupWith(secret) });
      const state = await loadPrivate(rightSource).finally(() => rightSource.close());
      expect(state.commit.sha).toBe(sha);
      expect(state.objects[0]?.metadata.name).toBe("private");
    } finally {
      await privateGit.cleanup();
    }
  });
});
