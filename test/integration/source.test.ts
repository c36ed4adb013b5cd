import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { checkoutCommit, createSource, isGitError, isRenderError, RevisionNotFoundError, type FetchEvent, type Source } from "@/lib/source";
import { APP_LABEL, TRACKING_ANNOTATION } from "@/lib/types";

import { commitFiles, createGitFixture, runGit, type GitFixture } from "../helpers/git";

const DEPLOYMENT = (name: string, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      containers:
        - name: main
          image: ${image}
`;

const CONFIGMAP = (name: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  greeting: hello
`;

const TAGGER = {
  GIT_COMMITTER_NAME: "Release Bot",
  GIT_COMMITTER_EMAIL: "release@lockstep.test",
  GIT_COMMITTER_DATE: "@1735689600 +0000",
};

describe("lib/source against real Git repositories over smart HTTP", () => {
  let git: GitFixture;
  let dataDir: string;
  let source: Source;
  let repo: string;
  let url: string;

  beforeAll(async () => {
    git = await createGitFixture();
  });

  afterAll(async () => {
    await git.cleanup();
  });

  let repoCount = 0;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "lockstep-source-data-"));
    source = createSource({ dataDir });
    const name = `config-${++repoCount}.git`;
    repo = await git.createRepo(name);
    url = git.server.repoUrl(name);
  });

  afterEach(async () => {
    await source.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  describe("resolveRevision", () => {
    it("resolves a branch, a lightweight tag, an annotated tag and HEAD with ls-remote", async () => {
      const first = await commitFiles(repo, { files: { "a.yaml": CONFIGMAP("a") }, message: "first" });
      await runGit(["tag", "light", first], { cwd: repo });
      await runGit(["tag", "-a", "v1.0.0", "-m", "release 1.0.0", first], { cwd: repo, env: TAGGER });
      const second = await commitFiles(repo, { files: { "b.yaml": CONFIGMAP("b") }, message: "second" });
      const feature = await commitFiles(repo, { files: { "c.yaml": CONFIGMAP("c") }, message: "feature", branch: "feature/x" });

      expect(await source.resolveRevision(url, "main")).toBe(second);
      expect(await source.resolveRevision(url, "HEAD")).toBe(second);
      expect(await source.resolveRevision(url, "feature/x")).toBe(feature);
      expect(await source.resolveRevision(url, "light")).toBe(first);
      expect(await source.resolveRevision(url, "v1.0.0")).toBe(first);
      expect(await source.resolveRevision(url, "refs/tags/v1.0.0")).toBe(first);
    });

    it("asks the remote again on every call, so a moved branch is seen at once", async () => {
      await commitFiles(repo, { files: { "a.yaml": CONFIGMAP("a") }, message: "first" });
      await source.resolveRevision(url, "main");
      const moved = await commitFiles(repo, { files: { "a.yaml": CONFIGMAP("a2") }, message: "second" });
      expect(await source.resolveRevision(url, "main")).toBe(moved);
    });

    it("returns a full commit SHA without contacting the remote", async () => {
      const sha = "0123456789abcdef0123456789ABCDEF01234567";
      expect(await source.resolveRevision("http://127.0.0.1:1/nowhere.git", sha)).toBe(sha.toLowerCase());
    });

    it("says which revision was not found in which repository", async () => {
      await commitFiles(repo, { files: { "a.yaml": CONFIGMAP("a") }, message: "first" });
      const error = await source.resolveRevision(url, "no-such-branch").catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RevisionNotFoundError);
      expect((error as Error).message).toBe(`revision "no-such-branch" not found in ${url}`);
    });

    it("fails with a GitError when the repository does not exist", async () => {
      const error = await source.resolveRevision(git.server.repoUrl("missing.git"), "main").catch((caught: unknown) => caught);
      expect(isGitError(error)).toBe(true);
      expect((error as Error).message).toMatch(/^git ls-remote failed: /);
    });
  });

  describe("ensureCommit", () => {
    it("fetches into the mirror only when the commit is not there yet", async () => {
      const fetches: FetchEvent[] = [];
      const onFetch = (event: FetchEvent) => fetches.push(event);
      const first = await commitFiles(repo, { files: { "a.yaml": CONFIGMAP("a") }, message: "first" });

      expect(await source.ensureCommit(url, await source.resolveRevision(url, "main"), { onFetch })).toEqual({
        mirrorDir: source.mirrorDir(url),
        fetched: true,
      });
      expect((await source.ensureCommit(url, await source.resolveRevision(url, "main"), { onFetch })).fetched).toBe(false);
      expect(fetches).toEqual([{ repoUrl: url, sha: first, mirrorDir: source.mirrorDir(url) }]);

      const second = await commitFiles(repo, { files: { "a.yaml": CONFIGMAP("a2") }, message: "second" });
      expect((await source.ensureCommit(url, await source.resolveRevision(url, "main"), { onFetch })).fetched).toBe(true);
      expect((await source.ensureCommit(url, first, { onFetch })).fetched).toBe(false);
      expect(fetches.map((event) => event.sha)).toEqual([first, second]);
    });

    it("fetches again into a mirror deleted from disk, even for a commit it already had", async () => {
      const sha = await commitFiles(repo, { files: { "a.yaml": CONFIGMAP("a") }, message: "first" });
      expect((await source.ensureCommit(url, sha)).fetched).toBe(true);
      expect((await source.ensureCommit(url, sha)).fetched).toBe(false);
      await rm(source.mirrorDir(url), { recursive: true, force: true });
      expect((await source.ensureCommit(url, sha)).fetched).toBe(true);
      expect((await source.readCommitInfo(source.mirrorDir(url), sha)).subject).toBe("first");
    });

    it("lets concurrent callers share one fetch per mirror", async () => {
      let fetches = 0;
      const sha = await commitFiles(repo, { files: { "a.yaml": CONFIGMAP("a") }, message: "first" });
      const results = await Promise.all(
        Array.from({ length: 5 }, () => source.ensureCommit(url, sha, { onFetch: () => fetches++ })),
      );
      expect(fetches).toBe(1);
      expect(results.filter((result) => result.fetched)).toHaveLength(1);
    });

    it("keeps one mirror per repository URL, shared by every app on it", async () => {
      const sha = await commitFiles(repo, { files: { "a.yaml": CONFIGMAP("a") }, message: "first" });
      let fetches = 0;
      const onFetch = () => fetches++;
      const base = { repoUrl: url, revision: "main", destNamespace: "default", onFetch };
      const one = await source.loadDesiredState({ ...base, path: ".", appName: "one" });
      const two = await source.loadDesiredState({ ...base, path: ".", appName: "two" });
      expect([one.commit.sha, two.commit.sha]).toEqual([sha, sha]);
      expect(fetches).toBe(1);
      expect(await readdir(path.join(dataDir, "repos"))).toEqual([path.basename(source.mirrorDir(url))]);
    });

    it("renders an older commit when the revision is its SHA", async () => {
      const first = await commitFiles(repo, { files: { "a.yaml": CONFIGMAP("a") }, message: "first" });
      await commitFiles(repo, { files: { "a.yaml": CONFIGMAP("a2") }, message: "second" });
      const state = await source.loadDesiredState({ repoUrl: url, revision: first, path: ".", appName: "old", destNamespace: "default" });
      expect(state.commit.sha).toBe(first);
      expect(state.objects.map((object) => object.metadata.name)).toEqual(["a"]);
    });

    it("fetches by SHA a commit that no branch or tag reaches any more", async () => {
      await commitFiles(repo, { files: { "a.yaml": CONFIGMAP("a") }, message: "first" });
      const orphan = await commitFiles(repo, { files: { "a.yaml": CONFIGMAP("orphan") }, message: "orphan", branch: "tmp" });
      await runGit(["update-ref", "-d", "refs/heads/tmp"], { cwd: repo });
      const state = await source.loadDesiredState({ repoUrl: url, revision: orphan, path: ".", appName: "old", destNamespace: "default" });
      expect(state.objects.map((object) => object.metadata.name)).toEqual(["orphan"]);
    });

    it("says when a commit SHA is not in the repository", async () => {
      await commitFiles(repo, { files: { "a.yaml": CONFIGMAP("a") }, message: "first" });
      const missing = "f".repeat(40);
      await expect(source.ensureCommit(url, missing)).rejects.toThrow(`revision "${missing}" not found in ${url}`);
    });
  });

  describe("readCommitInfo and checkoutCommit", () => {
    it("reads the subject, author, author date and committer date of a commit", async () => {
      const sha = await commitFiles(repo, {
        files: { "a.yaml": CONFIGMAP("a") },
        message: "Bump web to 1.2.3\n\nLonger explanation.",
        author: { name: "Ada Lovelace", email: "ada@example.com" },
        date: new Date("2025-03-04T05:06:07Z"),
      });
      const { mirrorDir: mirror } = await source.ensureCommit(url, sha);
      expect(await source.readCommitInfo(mirror, sha)).toEqual({
        sha,
        subject: "Bump web to 1.2.3",
        author: "Ada Lovelace <ada@example.com>",
        date: "2025-03-04T05:06:07.000Z",
        committedAt: "2025-03-04T05:06:07.000Z",
      });
    });

    it("gives every checkout its own directory and removes it on dispose", async () => {
      const first = await commitFiles(repo, { files: { "a.yaml": CONFIGMAP("first") }, message: "first" });
      const second = await commitFiles(repo, { files: { "a.yaml": CONFIGMAP("second") }, message: "second" });
      const { mirrorDir: mirror } = await source.ensureCommit(url, second);
      const scratchDir = path.join(dataDir, "scratch");
      const [a, b] = await Promise.all([checkoutCommit(mirror, first, { scratchDir }), checkoutCommit(mirror, second, { scratchDir })]);
      expect(a.dir).not.toBe(b.dir);
      expect(await readFile(path.join(a.dir, "a.yaml"), "utf8")).toContain("name: first");
      expect(await readFile(path.join(b.dir, "a.yaml"), "utf8")).toContain("name: second");
      await Promise.all([a.dispose(), b.dispose()]);
      expect(await readdir(scratchDir)).toEqual([]);
    });
  });

  describe("loadDesiredState", () => {
    it("renders a plain YAML directory into namespaced objects owned by the app, its subdirectories only when asked", async () => {
      const sha = await commitFiles(repo, {
        files: {
          "apps/web/deployment.yaml": DEPLOYMENT("web", "nginx:1.25"),
          "apps/web/config/cm.yaml": CONFIGMAP("web-config"),
          "apps/web/README.md": "not a manifest",
          "apps/other/cm.yaml": CONFIGMAP("other"),
        },
        message: "web",
      });
      const flat = await source.loadDesiredState({ repoUrl: url, revision: "main", path: "apps/web", appName: "web", destNamespace: "web-prod" });
      expect(flat.objects.map((object) => object.metadata.name)).toEqual(["web"]);
      const state = await source.loadDesiredState({ repoUrl: url, revision: "main", path: "apps/web", appName: "web", destNamespace: "web-prod", source: { directory: { recurse: true } } });
      expect(state.sourceType).toBe("Directory");
      expect(state.commit).toMatchObject({ sha, subject: "web" });
      expect(state.objects.map((object) => `${object.kind}/${object.metadata.namespace}/${object.metadata.name}`)).toEqual([
        "ConfigMap/web-prod/web-config",
        "Deployment/web-prod/web",
      ]);
      expect(state.objects[1]?.metadata.labels?.[APP_LABEL]).toBe("web");
      expect(state.objects[1]?.metadata.annotations?.[TRACKING_ANNOTATION]).toBe("web:apps/Deployment:web-prod/web");
      expect(await readdir(path.join(dataDir, "scratch"))).toHaveLength(1);
    });

    it("renders every app of one commit from a single checkout, removed once no render uses it", async () => {
      await commitFiles(repo, { files: { "apps/a/cm.yaml": CONFIGMAP("a"), "apps/b/cm.yaml": CONFIGMAP("b") }, message: "two apps" });
      const load = (app: string) => source.loadDesiredState({ repoUrl: url, revision: "main", path: `apps/${app}`, appName: app, destNamespace: app });
      const [a, b] = await Promise.all([load("a"), load("b")]);
      expect([a.objects[0]?.metadata.name, b.objects[0]?.metadata.name]).toEqual(["a", "b"]);
      const checkouts = await readdir(path.join(dataDir, "scratch"));
      expect(checkouts).toHaveLength(1);
      await source.removeIdleCheckouts();
      expect(await readdir(path.join(dataDir, "scratch"))).toEqual([]);
    });

    it("builds a Kustomize directory with the real kustomize, applying namePrefix and images", async () => {
      await commitFiles(repo, {
        files: {
          "apps/web/deployment.yaml": DEPLOYMENT("web", "nginx:1.25"),
          "apps/web/kustomization.yaml": [
            "apiVersion: kustomize.config.k8s.io/v1beta1",
            "kind: Kustomization",
            "namePrefix: prod-",
            "resources:",
            "  - deployment.yaml",
            "images:",
            "  - name: nginx",
            "    newName: registry.example.com/mirror/nginx",
            '    newTag: "1.27.3"',
          ].join("\n"),
        },
        message: "kustomize",
      });
      const state = await source.loadDesiredState({ repoUrl: url, revision: "main", path: "apps/web", appName: "web", destNamespace: "web-prod" });
      expect(state.objects).toHaveLength(1);
      const [deployment] = state.objects;
      expect(deployment?.metadata.name).toBe("prod-web");
      expect(deployment?.metadata.namespace).toBe("web-prod");
      const spec = deployment?.spec as { template: { spec: { containers: { image: string }[] } } };
      expect(spec.template.spec.containers[0]?.image).toBe("registry.example.com/mirror/nginx:1.27.3");
      expect(deployment?.metadata.annotations?.[TRACKING_ANNOTATION]).toBe("web:apps/Deployment:web-prod/prod-web");
    });

    it("reports kustomize's own error, naming repository paths rather than temporary ones", async () => {
      await commitFiles(repo, {
        files: { "apps/web/kustomization.yaml": "resources:\n  - missing.yaml\n" },
        message: "broken kustomization",
      });
      const error = await source.loadDesiredState({ repoUrl: url, revision: "main", path: "apps/web", appName: "web", destNamespace: "web" }).catch(
        (caught: unknown) => caught,
      );
      expect(isRenderError(error)).toBe(true);
      const message = (error as Error).message;
      expect(message).toMatch(/^kustomize build apps\/web failed: .*missing\.yaml/);
      expect(message).not.toContain(dataDir);
    });

    it("names a missing path and the commit it is missing from", async () => {
      const sha = await commitFiles(repo, { files: { "apps/web/cm.yaml": CONFIGMAP("a") }, message: "first" });
      const error = await source.loadDesiredState({ repoUrl: url, revision: "main", path: "apps/api", appName: "api", destNamespace: "api" }).catch(
        (caught: unknown) => caught,
      );
      expect(isRenderError(error)).toBe(true);
      expect((error as Error).message).toBe(`path apps/api does not exist in the repository at ${sha}`);
    });

    it("names the file, line and column of broken YAML", async () => {
      await commitFiles(repo, {
        files: { "apps/web/cm.yaml": CONFIGMAP("ok"), "apps/web/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: [web\n" },
        message: "broken",
      });
      const error = await source.loadDesiredState({ repoUrl: url, revision: "main", path: "apps/web", appName: "web", destNamespace: "web" }).catch(
        (caught: unknown) => caught,
      );
      expect(isRenderError(error)).toBe(true);
      expect((error as Error).message).toMatch(/^invalid YAML in apps\/web\/deployment\.yaml: .* at line \d+, column \d+$/);
      expect((error as Error).stack).toBeDefined();
      expect((error as Error).message).not.toContain("\n    at ");
    });
  });

  describe("credentials", () => {
    let authGit: GitFixture;
    let authRepo: string;

    beforeAll(async () => {
      authGit = await createGitFixture({ auth: { username: "deployer", password: "hunter2-secret" } });
      authRepo = await authGit.createRepo("private.git");
      await commitFiles(authRepo, { files: { "cm.yaml": CONFIGMAP("private") }, message: "private" });
    });

    afterAll(async () => {
      await authGit.cleanup();
    });

    function withCredentials(password: string): string {
      const withAuth = new URL(authGit.server.repoUrl("private.git"));
      withAuth.username = "deployer";
      withAuth.password = password;
      return withAuth.toString();
    }

    it("fetches with credentials from the URL without writing them into the mirror", async () => {
      const state = await source.loadDesiredState({ repoUrl: withCredentials("hunter2-secret"), revision: "main", path: ".", appName: "p", destNamespace: "p" });
      expect(state.objects.map((object) => object.metadata.name)).toEqual(["private"]);
      const config = await readFile(path.join(source.mirrorDir(withCredentials("hunter2-secret")), "config"), "utf8");
      expect(config).toContain(authGit.server.repoUrl("private.git"));
      expect(config).not.toContain("hunter2");
    });

    it("never shows the password in the error when it is refused", async () => {
      const error = await source.resolveRevision(withCredentials("wrong-password-42"), "main").catch((caught: unknown) => caught);
      expect(isGitError(error)).toBe(true);
      expect((error as Error).message).toMatch(/^git ls-remote failed: /);
      expect((error as Error).message).not.toContain("wrong-password-42");
    });

    it("fails instead of prompting when no credentials are given", async () => {
      const error = await source.resolveRevision(authGit.server.repoUrl("private.git"), "main", { timeoutMs: 20_000 }).catch((caught: unknown) => caught);
      expect(isGitError(error)).toBe(true);
      expect((error as { timedOut: boolean }).timedOut).toBe(false);
    });
  });
});
