import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { isUrlLike, resolveValueFiles, valueFilePath } from "./helm-values";

const dirs: string[] = [];
const limits = { maxFileBytes: 1024 };

async function repo(files: Record<string, string>): Promise<string> {
  const root = await realpath(await mkdtemp(path.join(os.tmpdir(), "lockstep-helm-values-")));
  dirs.push(root);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), content);
  }
  return root;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("values files of a Helm source", () => {
  it("reads a relative name from the chart and a name starting with / from the repository root, as Argo CD does", () => {
    expect(valueFilePath("/repo", "/repo/charts/web", "prod.yaml")).toBe("/repo/charts/web/prod.yaml");
    expect(valueFilePath("/repo", "/repo/charts/web", "../shared.yaml")).toBe("/repo/charts/shared.yaml");
    expect(valueFilePath("/repo", "/repo/charts/web", "/envs/prod.yaml")).toBe("/repo/envs/prod.yaml");
  });

  it("refuses URLs and paths that climb out of the repository", () => {
    expect(isUrlLike("https://example.com/v.yaml")).toBe(true);
    expect(isUrlLike("values.yaml")).toBe(false);
    expect(() => valueFilePath("/repo", "/repo/chart", "s3://bucket/v.yaml")).toThrow("values file s3://bucket/v.yaml is a URL; values files must be paths inside the repository");
    expect(() => valueFilePath("/repo", "/repo/chart", "../../etc/passwd")).toThrow("values file ../../etc/passwd is outside the repository");
  });

  it("answers the real paths of existing files in order", async () => {
    const root = await repo({ "chart/values-prod.yaml": "a: 1\n", "common.yaml": "b: 2\n" });
    expect(await resolveValueFiles(root, path.join(root, "chart"), ["values-prod.yaml", "/common.yaml"], limits)).toEqual([path.join(root, "chart/values-prod.yaml"), path.join(root, "common.yaml")]);
  });

  it("refuses a missing file, a symlink out of the repository and a file over the size limit", async () => {
    const outside = await repo({ "secret.yaml": "password: x\n" });
    const root = await repo({ "chart/big.yaml": "x".repeat(2048) });
    await symlink(path.join(outside, "secret.yaml"), path.join(root, "chart", "link.yaml"));
    const chart = path.join(root, "chart");
    await expect(resolveValueFiles(root, chart, ["missing.yaml"], limits)).rejects.toThrow("values file missing.yaml does not exist in the repository");
    await expect(resolveValueFiles(root, chart, ["link.yaml"], limits)).rejects.toThrow("values file link.yaml is a symlink that points outside the repository");
    await expect(resolveValueFiles(root, chart, ["big.yaml"], limits)).rejects.toThrow("values file big.yaml is 2 KiB; files may be at most 1 KiB");
  });
});
