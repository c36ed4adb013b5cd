import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { runGit } from "./git";
import { createSource, type Source } from "./source";
import { defaultRenderThreads } from "./render-threads";
import { DEFAULT_CACHE_SIZES, resolveSourceOptions, sourceOptionsFromEnv } from "./source-options";

const IDENTITY = { GIT_AUTHOR_NAME: "Lockstep", GIT_AUTHOR_EMAIL: "lockstep@example.com", GIT_COMMITTER_NAME: "Lockstep", GIT_COMMITTER_EMAIL: "lockstep@example.com" };
const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

let work: string;
let repo: string;
const sources: Source[] = [];

/** A repository with one commit holding two apps, `apps/one` and `apps/two`. */
async function createRepository(dir: string): Promise<void> {
  await mkdir(path.join(dir, "apps", "one"), { recursive: true });
  await mkdir(path.join(dir, "apps", "two"), { recursive: true });
  await writeFile(path.join(dir, "apps", "one", "cm.yaml"), configMap("one"));
  await writeFile(path.join(dir, "apps", "two", "cm.yaml"), configMap("two"));
  await runGit(["init", "--quiet", "--initial-branch=main", dir]);
  await runGit(["add", "."], { cwd: dir });
  await runGit(["-c", "commit.gpgsign=false", "commit", "--quiet", "-m", "two apps"], { cwd: dir, env: IDENTITY });
}

function source(options: Partial<Parameters<typeof createSource>[0]> = {}): Source {
  const made = createSource({ dataDir: path.join(work, "data"), ...options });
  sources.push(made);
  return made;
}

/** Loads an app, counting the fetches it needed in `fetches`. */
function load(from: Source, app: string, fetches: string[]) {
  return from.loadDesiredState({ repoUrl: repo, revision: "main", path: `apps/${app}`, appName: app, destNamespace: "default", onFetch: () => fetches.push(app) });
}

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "lockstep-source-"));
  repo = path.join(work, "repo");
  await createRepository(repo);
});

afterEach(async () => {
  await Promise.all(sources.splice(0).map((made) => made.close()));
  await rm(work, { recursive: true, force: true });
});

describe("createSource", () => {
  it("tells its metrics of each ls-remote, fetch and render, and of a failed ls-remote", async () => {
    const git: string[] = [];
    const renders: string[] = [];
    const metrics = { gitRequest: (r: { operation: string; ok: boolean }) => git.push(`${r.operation} ${r.ok}`), rendered: (r: { sourceType: string }) => renders.push(r.sourceType) };
    const made = source({ metrics });
    await load(made, "one", []);
    expect(git).toEqual(["ls-remote true", "fetch true"]);
    expect(renders).toEqual(["Directory"]);
    await expect(made.resolveRevision(path.join(work, "no-such-repo"), "main")).rejects.toThrow();
    expect(git.at(-1)).toBe("ls-remote false");
  });

  it("renders an app at the commit its branch names", async () => {
    const state = await load(source(), "one", []);
    expect(state.commit.subject).toBe("two apps");
    expect(state.objects.map((object) => object.metadata.name)).toEqual(["one"]);
  });

  it("keeps renders per source: a second source on the same data directory renders for itself", async () => {
    const first = source();
    const second = source();
    const fetches: string[] = [];
    await load(first, "one", fetches);
    await rm(first.mirrorDir(repo), { recursive: true, force: true });
    await load(first, "one", fetches);
    expect(fetches).toEqual(["one"]);
    await load(second, "one", fetches);
    expect(fetches).toEqual(["one", "one"]);
  });

  it("asks its own credential lookup and no other source's", async () => {
    const url = "https://git.example/org/private.git";
    const first = source({ credentials: async () => ({ basic: { username: "one", password: "secret-one" } }) });
    const second = source({ credentials: async () => ({ basic: { username: "two", password: "secret-two" } }) });
    const third = source();
    expect((await first.resolveRemote(url)).auth.basic?.username).toBe("one");
    expect((await second.resolveRemote(url)).auth.basic?.username).toBe("two");
    expect(await third.resolveRemote(url)).toEqual({ url, auth: {} });
  });

  it("evicts the least recently used render when its render cache is full", async () => {
    const small = source({ cacheSizes: { renders: 1 } });
    const fetches: string[] = [];
    await load(small, "one", fetches);
    await load(small, "two", fetches);
    await rm(small.mirrorDir(repo), { recursive: true, force: true });
    await load(small, "two", fetches);
    expect(fetches).toEqual(["one"]);
    await load(small, "one", fetches);
    expect(fetches).toEqual(["one", "one"]);
  });

  it("renders again on a hard refresh", async () => {
    const made = source();
    const fetches: string[] = [];
    await load(made, "one", fetches);
    await rm(made.mirrorDir(repo), { recursive: true, force: true });
    await made.loadDesiredState({ repoUrl: repo, revision: "main", path: "apps/one", appName: "one", destNamespace: "default", hard: true, onFetch: () => fetches.push("hard") });
    expect(fetches).toEqual(["one", "hard"]);
  });

  it("keeps a checkout for the next render until closed, then removes it and refuses to load", async () => {
    const made = source();
    const other = source();
    await load(made, "one", []);
    const scratch = path.join(work, "data", "scratch");
    expect(await readdir(scratch)).toHaveLength(1);
    await made.close();
    expect(await readdir(scratch)).toEqual([]);
    await expect(load(made, "one", [])).rejects.toThrow("the source is closed");
    expect((await load(other, "two", [])).objects).toHaveLength(1);
  });
});

describe("sourceOptionsFromEnv", () => {
  it("reads the data directory, the kustomize binary and the render limits", () => {
    const options = sourceOptionsFromEnv({ LOCKSTEP_DATA_DIR: "/var/lib/lockstep", LOCKSTEP_KUSTOMIZE: "/opt/kustomize", LOCKSTEP_RENDER_MAX_FILES: "7" });
    expect(options).toMatchObject({ dataDir: "/var/lib/lockstep", kustomize: "/opt/kustomize", limits: { maxFiles: 7 } });
    expect(sourceOptionsFromEnv({}).dataDir).toBe(path.resolve(".data"));
    expect(DEFAULT_CACHE_SIZES).toEqual({ renders: 2000, commitInfo: 1000, knownCommits: 5000 });
  });

  it("reads how many render threads to run, 0 for none, and refuses a count that is not a whole number from 0 to 64", () => {
    expect(sourceOptionsFromEnv({ LOCKSTEP_RENDER_THREADS: "3" }).renderThreads).toBe(3);
    expect(sourceOptionsFromEnv({ LOCKSTEP_RENDER_THREADS: "0" }).renderThreads).toBe(0);
    expect(sourceOptionsFromEnv({}).renderThreads).toBeUndefined();
    expect(resolveSourceOptions({ dataDir: "/tmp/x" }).renderThreads).toBe(defaultRenderThreads());
    for (const bad of ["", "two", "1.5", "-1", "65"]) {
      expect(() => sourceOptionsFromEnv({ LOCKSTEP_RENDER_THREADS: bad })).toThrow(`LOCKSTEP_RENDER_THREADS must be a whole number from 0 to 64, not "${bad}".`);
    }
  });
});

describe("createSource's render threads", () => {
  it("renders the same objects with threads as without", async () => {
    const threaded = await load(source({ renderThreads: 2 }), "one", []);
    const inThread = await load(source({ renderThreads: 0, dataDir: path.join(work, "other") }), "one", []);
    expect(threaded.objects).toEqual(inThread.objects);
    expect(threaded.sourceType).toBe("Directory");
  });
});
