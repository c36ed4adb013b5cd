import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { checkKustomization, isRemoteReference, referencesOf } from "./kustomize-refs";

const roots: string[] = [];

async function tree(files: Record<string, string>): Promise<string> {
  const root = await realpath(await mkdtemp(path.join(os.tmpdir(), "lockstep-krefs-")));
  roots.push(root);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), content);
  }
  return root;
}

afterEach(async () => {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
});

const limits = { allowRemoteBases: false, maxFileBytes: 1024 };
const check = (root: string, dir: string) => checkKustomization(path.join(root, dir), { root, limits });

describe("the kustomization pre-check", () => {
  it("tells remote references from local paths", () => {
    expect(isRemoteReference("https://github.com/org/repo//base?ref=v1")).toBe(true);
    expect(isRemoteReference("github.com/org/repo/base?ref=v1")).toBe(true);
    expect(isRemoteReference("git@github.com:org/repo.git")).toBe(true);
    expect(isRemoteReference("../base")).toBe(false);
    expect(isRemoteReference("deployment.yaml")).toBe(false);
  });

  it("lists resources, patches, generator files and the file half of key=file", () => {
    const refs = referencesOf({
      resources: ["a.yaml", "../base"],
      patches: [{ path: "patch.yaml" }, { patch: "inline" }],
      configMapGenerator: [{ files: ["config.json", "key=other.txt"], envs: ["app.env"] }],
      patchesStrategicMerge: ["apiVersion: v1\nkind: X"],
    });
    expect(refs.map((r) => r.value)).toEqual(["a.yaml", "../base", "patch.yaml", "config.json", "other.txt", "app.env"]);
  });

  it("accepts bases elsewhere in the repository", async () => {
    const root = await tree({
      "base/kustomization.yaml": "resources: [cm.yaml]\n",
      "base/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n",
      "overlays/prod/kustomization.yaml": "resources: [../../base]\n",
    });
    await expect(check(root, "overlays/prod")).resolves.toBeUndefined();
  });

  it("refuses absolute paths, paths out of the repository and remote bases", async () => {
    const root = await tree({
      "abs/kustomization.yaml": "resources: [/etc/passwd]\n",
      "up/kustomization.yaml": "resources: [../../../../../../../../etc]\n",
      "remote/kustomization.yaml": "resources: [github.com/org/repo/base?ref=v1]\n",
    });
    await expect(check(root, "abs")).rejects.toThrow("abs/kustomization.yaml: resources entry /etc/passwd is an absolute path");
    await expect(check(root, "up")).rejects.toThrow(/resources entry .*etc points outside the repository/);
    await expect(check(root, "remote")).rejects.toThrow(/is remote; remote bases are off .*LOCKSTEP_KUSTOMIZE_REMOTE_BASES=true/);
    await expect(checkKustomization(path.join(root, "remote"), { root, limits: { ...limits, allowRemoteBases: true } })).resolves.toBeUndefined();
  });

  it("refuses a symlinked base that leads outside the repository", async () => {
    const root = await tree({ "app/kustomization.yaml": "resources: [linked]\n" });
    const outside = await tree({ "kustomization.yaml": "resources: []\n" });
    await symlink(outside, path.join(root, "app", "linked"));
    await expect(check(root, "app")).rejects.toThrow("app/kustomization.yaml: resources entry linked points outside the repository");
  });

  it("refuses a kustomization that includes itself, directly or through another", async () => {
    const root = await tree({
      "self/kustomization.yaml": "resources: [.]\n",
      "a/kustomization.yaml": "resources: [../b]\n",
      "b/kustomization.yaml": "resources: [../a]\n",
    });
    await expect(check(root, "self")).rejects.toThrow("the kustomization in self includes itself: self → self");
    await expect(check(root, "a")).rejects.toThrow("the kustomization in a includes itself: a → b → a");
  });

  it("refuses a referenced file over the size limit", async () => {
    const root = await tree({ "app/kustomization.yaml": "resources: [big.yaml]\n", "app/big.yaml": "x".repeat(2048) });
    await expect(check(root, "app")).rejects.toThrow("app/kustomization.yaml: resources entry big.yaml is 2 KiB; files may be at most 1 KiB");
  });
});
