import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { chooseSourceType, detectSourceType } from "./detect-source";

const dirs: string[] = [];

async function dirWith(...files: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "lockstep-detect-"));
  dirs.push(dir);
  for (const file of files) await writeFile(path.join(dir, file), "");
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("the source type of a path", () => {
  it("is Helm with a Chart.yaml, Kustomize with a kustomization file, Directory otherwise", async () => {
    expect(await detectSourceType(await dirWith("Chart.yaml", "kustomization.yaml"))).toBe("Helm");
    expect(await detectSourceType(await dirWith("Kustomization"))).toBe("Kustomize");
    expect(await detectSourceType(await dirWith("deploy.yaml"))).toBe("Directory");
  });

  it("is the app's type when the contents agree, and a clear error when they do not", async () => {
    const chart = await dirWith("Chart.yaml");
    expect(await chooseSourceType(chart, "charts/web", "Helm")).toBe("Helm");
    await expect(chooseSourceType(chart, "charts/web", "Kustomize")).rejects.toThrow(
      "the app's source type is Kustomize but path charts/web holds a Chart.yaml (it is Helm); change source.type or the path",
    );
    await expect(chooseSourceType(await dirWith("a.yaml"), "apps/web", "Helm")).rejects.toThrow("path apps/web holds neither a Chart.yaml nor a kustomization file (it is Directory)");
  });
});
