import { chmod, mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { findHelmBinary, findKustomizeBinary } from "./kustomize-bin";

describe("findKustomizeBinary", () => {
  let cache: string;

  beforeEach(async () => {
    cache = await mkdtemp(path.join(os.tmpdir(), "lockstep-kustomize-bin-"));
    vi.stubEnv("LOCKSTEP_CACHE_DIR", cache);
    vi.stubEnv("LOCKSTEP_KUSTOMIZE", "");
    vi.stubEnv("LOCKSTEP_HELM", "");
    vi.stubEnv("PATH", path.join(cache, "empty-path"));
  });

  afterEach(async () => {
    vi.unstubAllEnvs();
    await rm(cache, { recursive: true, force: true });
  });

  async function cachedBuild(key: string, options: { complete: boolean; mtime: Date }, name = "kustomize"): Promise<string> {
    const dir = path.join(cache, "bin", key);
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, name);
    await writeFile(file, "#!/bin/sh\n");
    await chmod(file, 0o755);
    await utimes(file, options.mtime, options.mtime);
    if (options.complete) await writeFile(path.join(dir, ".complete"), "{}");
    return file;
  }

  it("prefers the caller's binary, then LOCKSTEP_KUSTOMIZE", async () => {
    vi.stubEnv("LOCKSTEP_KUSTOMIZE", "/opt/kustomize-from-env");
    expect(await findKustomizeBinary({ kustomizeBin: "/opt/kustomize-explicit" })).toBe("/opt/kustomize-explicit");
    expect(await findKustomizeBinary()).toBe("/opt/kustomize-from-env");
  });

  it("falls back to the newest complete build in the toolchain cache", async () => {
    await cachedBuild("old", { complete: true, mtime: new Date("2025-01-01T00:00:00Z") });
    const newest = await cachedBuild("new", { complete: true, mtime: new Date("2025-06-01T00:00:00Z") });
    await cachedBuild("building", { complete: false, mtime: new Date("2025-12-01T00:00:00Z") });
    expect(await findKustomizeBinary()).toBe(newest);
  });

  it("finds nothing when there is no binary anywhere", async () => {
    expect(await findKustomizeBinary()).toBeUndefined();
  });

  it("finds helm the same way: the caller's binary, LOCKSTEP_HELM, then the toolchain cache", async () => {
    const cached = await cachedBuild("tools", { complete: true, mtime: new Date("2025-06-01T00:00:00Z") }, "helm");
    expect(await findHelmBinary()).toBe(cached);
    vi.stubEnv("LOCKSTEP_HELM", "/opt/helm-from-env");
    expect(await findHelmBinary()).toBe("/opt/helm-from-env");
    expect(await findHelmBinary({ helmBin: "/opt/helm-explicit" })).toBe("/opt/helm-explicit");
    expect(await findKustomizeBinary()).toBeUndefined();
  });
});
