import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createCheckoutPool } from "./checkout-pool";
import { createCommitInfoReader } from "./commit-info";
import type { DirectoryRenderRequest } from "./directory-render";
import { runGit } from "./git";
import { DEFAULT_RENDER_LIMITS } from "./limits";
import { loadDesiredStateWith, type LoadParts } from "./load";
import { createMirrors } from "./mirror";
import { createRenderCache } from "./render-cache";
import { createRenderThreads, type RenderThreads } from "./render-threads";

const IDENTITY = { GIT_AUTHOR_NAME: "Lockstep", GIT_AUTHOR_EMAIL: "lockstep@example.com", GIT_COMMITTER_NAME: "Lockstep", GIT_COMMITTER_EMAIL: "lockstep@example.com" };

let work: string;
let repo: string;
let parts: LoadParts;
let threads: RenderThreads;
let rendered: string[];

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "lockstep-load-"));
  repo = path.join(work, "repo");
  await mkdir(path.join(repo, "apps", "web"), { recursive: true });
  await writeFile(path.join(repo, "apps", "web", "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  mode: '0644'\n");
  await runGit(["init", "--quiet", "--initial-branch=main", repo]);
  await runGit(["add", "."], { cwd: repo });
  await runGit(["-c", "commit.gpgsign=false", "commit", "--quiet", "-m", "web"], { cwd: repo, env: IDENTITY });
  const real = createRenderThreads({ threads: 1 });
  rendered = [];
  threads = {
    render: (request: DirectoryRenderRequest) => {
      rendered.push(path.basename(request.dir));
      return real.render(request);
    },
    close: () => real.close(),
  };
  parts = {
    mirrors: createMirrors({ dataDir: path.join(work, "data") }),
    checkouts: createCheckoutPool({ scratchDir: path.join(work, "data", "scratch") }),
    commits: createCommitInfoReader(),
    renders: createRenderCache(),
    limits: { ...DEFAULT_RENDER_LIMITS },
    threads,
  };
});

afterEach(async () => {
  await threads.close();
  await parts.checkouts.dispose();
  await rm(work, { recursive: true, force: true });
});

const request = { revision: "main", path: "apps/web", appName: "web", destNamespace: "prod" };

describe("loadDesiredStateWith", () => {
  it("renders a plain directory on the render threads and caches what they answered", async () => {
    const first = await loadDesiredStateWith(parts, { ...request, repoUrl: repo });
    expect(rendered).toEqual(["web"]);
    expect(first.sourceType).toBe("Directory");
    expect(first.objects).toEqual([expect.objectContaining({ kind: "ConfigMap", data: { mode: "0644" }, metadata: expect.objectContaining({ name: "web", namespace: "prod" }) })]);
    first.objects[0]!.metadata.name = "changed by the caller";
    const again = await loadDesiredStateWith(parts, { ...request, repoUrl: repo });
    expect(rendered).toEqual(["web"]);
    expect(again.objects[0]?.metadata.name).toBe("web");
  });

  it("renders on the caller's thread when the cluster's namespacedness is given, which no thread can be sent", async () => {
    const state = await loadDesiredStateWith(parts, { ...request, repoUrl: repo, isNamespaced: (_apiVersion, kind) => kind !== "ConfigMap" });
    expect(rendered).toEqual([]);
    expect(state.objects[0]?.metadata.namespace).toBeUndefined();
  });
});
