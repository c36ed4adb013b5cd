import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { dependenciesOf, dependencySource, hasTemplates, missingDependencies } from "./helm-chart";

const dirs: string[] = [];

async function chart(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "lockstep-helm-chart-"));
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

const dep = (repository: string) => ({ name: "redis", version: "1.0.0", repository });

describe("a chart's dependencies", () => {
  it("reads name, version and repository from Chart.yaml", () => {
    const text = "apiVersion: v2\nname: shop\nversion: 0.1.0\ndependencies:\n  - name: redis\n    version: 1.0.0\n    repository: https://charts.example.com\n  - name: local\n";
    expect(dependenciesOf(text, "Chart.yaml")).toEqual([dep("https://charts.example.com"), { name: "local", version: "", repository: "" }]);
    expect(() => dependenciesOf("dependencies:\n  - version: 1\n", "apps/shop/Chart.yaml")).toThrow("apps/shop/Chart.yaml: dependency 1 has no name");
  });

  it("fetches from HTTP(S) repositories and file:// paths inside the repository only", () => {
    expect(dependencySource(dep("https://charts.example.com"), "/repo/shop", "/repo")).toEqual({ kind: "http", url: "https://charts.example.com" });
    expect(dependencySource(dep("file://../common"), "/repo/shop", "/repo")).toEqual({ kind: "file", dir: "/repo/common" });
    expect(dependencySource(dep(""), "/repo/shop", "/repo")).toEqual({ kind: "vendored" });
  });

  it.each([
    ["file://../../etc", /file:\/\/ path outside the repository/],
    ["oci://registry.example.com/charts", /OCI registry/],
    ["@stable", /repository alias/],
    ["git+https://example.com/x.git", /neither http\(s\):\/\/ nor file:\/\//],
  ])("refuses a dependency from %s with a reason naming it", (repository, reason) => {
    const source = dependencySource(dep(repository), "/repo/shop", "/repo");
    expect(source.kind).toBe("refused");
    if (source.kind === "refused") expect(source.reason).toMatch(/^dependency redis /);
    if (source.kind === "refused") expect(source.reason).toMatch(reason);
  });

  it("counts a dependency as present when charts/ holds its directory or package", async () => {
    const dir = await chart({ "charts/redis-1.0.0.tgz": "", "charts/common/Chart.yaml": "name: common\n" });
    const missing = await missingDependencies(dir, [dep("https://x"), { name: "common", version: "", repository: "" }, { name: "postgres", version: "", repository: "https://x" }]);
    expect(missing.map((d) => d.name)).toEqual(["postgres"]);
  });

  it("finds templates in the chart or its subcharts, but not helpers or notes alone", async () => {
    expect(await hasTemplates(await chart({ "Chart.yaml": "", "templates/_helpers.tpl": "", "templates/NOTES.txt": "" }))).toBe(false);
    expect(await hasTemplates(await chart({ "Chart.yaml": "" }))).toBe(false);
    expect(await hasTemplates(await chart({ "templates/deploy.yaml": "" }))).toBe(true);
    expect(await hasTemplates(await chart({ "charts/sub/templates/cm.yaml": "" }))).toBe(true);
  });
});
