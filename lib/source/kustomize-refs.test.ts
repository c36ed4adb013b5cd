import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { checkKustomization, referencesOf } from "./kustomize-refs";

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
    await expect(check(root, "overlays/prod")).resolves.toEqual({ usesHelm: false });
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
    await expect(checkKustomization(path.join(root, "remote"), { root, limits: { ...limits, allowRemoteBases: true } })).resolves.toEqual({ usesHelm: false });
  });

  it("refuses URL-shaped references in every field, even when a local path of that name exists", async () => {
    const url = "http://127.0.0.1:8080/x.yaml";
    const root = await tree({
      "res/kustomization.yaml": `resources: [${url}]\n`,
      "tr/kustomization.yaml": `transformers: [${url}]\n`,
      "gen/kustomization.yaml": "generators: ['git::http://127.0.0.1:8080/repo.git']\n",
      "val/kustomization.yaml": "validators: [git@git.example:org/repo.git]\n",
      "patch/kustomization.yaml": `patches: [{path: '${url}'}]\n`,
      "helm/kustomization.yaml": "helmCharts: [{name: x, repo: 'https://charts.example', version: 1.0.0}]\n",
      "values/kustomization.yaml": `helmCharts: [{name: x, valuesFile: '${url}'}]\n`,
      "shadow/kustomization.yaml": "resources: [github.com/org/repo]\n",
      "shadow/github.com/org/repo/kustomization.yaml": "resources: []\n",
    });
    await expect(check(root, "res")).rejects.toThrow(`res/kustomization.yaml: resources entry ${url} is remote; remote bases are off`);
    await expect(check(root, "tr")).rejects.toThrow(`tr/kustomization.yaml: transformers entry ${url} is remote`);
    await expect(check(root, "gen")).rejects.toThrow("gen/kustomization.yaml: generators entry git::http://127.0.0.1:8080/repo.git is remote");
    await expect(check(root, "val")).rejects.toThrow("validators entry git@git.example:org/repo.git is remote");
    await expect(check(root, "patch")).rejects.toThrow(`patches entry ${url} is remote`);
    await expect(check(root, "helm")).rejects.toThrow("helmCharts entry https://charts.example is remote");
    await expect(check(root, "values")).rejects.toThrow(`helmCharts entry ${url} is remote`);
    await expect(check(root, "shadow")).rejects.toThrow("resources entry github.com/org/repo is remote");
  });

  it("refuses file:// URLs even when remote bases are allowed", async () => {
    const root = await tree({ "app/kustomization.yaml": "resources: ['git::file:///var/lib/lockstep/mirror.git']\n" });
    await expect(checkKustomization(path.join(root, "app"), { root, limits: { ...limits, allowRemoteBases: true } })).rejects.toThrow("is a file:// URL, which would read the server's own disk");
  });

  it("takes a local directory named like a host for a local path", async () => {
    const root = await tree({
      "app/kustomization.yaml": "resources: [monitoring.coreos.com]\n",
      "app/monitoring.coreos.com/kustomization.yaml": "resources: []\n",
    });
    await expect(check(root, "app")).resolves.toEqual({ usesHelm: false });
  });

  it("checks the kustomizations of transformer, generator and validator directories", async () => {
    const root = await tree({
      "app/kustomization.yaml": "transformers: [../tr]\ngenerators: [../gen]\n",
      "tr/kustomization.yaml": "resources: [https://example.com/t.yaml]\n",
      "gen/kustomization.yaml": "resources: []\n",
    });
    await expect(check(root, "app")).rejects.toThrow("tr/kustomization.yaml: resources entry https://example.com/t.yaml is remote");
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
    await expect(check(root, "self")).rejects.toThrow("the kustomization in self includes itself: self -> self");
    await expect(check(root, "a")).rejects.toThrow("the kustomization in a includes itself: a -> b -> a");
  });

  it("refuses a referenced file over the size limit", async () => {
    const root = await tree({ "app/kustomization.yaml": "resources: [big.yaml]\n", "app/big.yaml": "x".repeat(2048) });
    await expect(check(root, "app")).rejects.toThrow("app/kustomization.yaml: resources entry big.yaml is 2 KiB; files may be at most 1 KiB");
  });

  it("notices helmCharts in a base, and allows a local chart with no repository", async () => {
    const root = await tree({
      "app/kustomization.yaml": "resources: [../base]\n",
      "base/kustomization.yaml": "helmCharts:\n  - name: web\n    releaseName: web\n",
    });
    await expect(check(root, "app")).resolves.toEqual({ usesHelm: true });
  });

  it("refuses helmCharts from a remote chart repository unless remote bases are allowed", async () => {
    const root = await tree({ "app/kustomization.yaml": "helmCharts:\n  - name: web\n    repo: https://charts.example.com\n" });
    await expect(check(root, "app")).rejects.toThrow("app/kustomization.yaml: helmCharts entry https://charts.example.com is remote");
  });
});
