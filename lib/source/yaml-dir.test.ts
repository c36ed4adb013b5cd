import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { isRenderError } from "./render-error";
import { readYamlDir } from "./yaml-dir";

const roots: string[] = [];

/** Writes `files` (path → content) into a new temporary directory and returns it. */
async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "lockstep-yaml-dir-"));
  roots.push(root);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), content);
  }
  return root;
}

async function read(root: string, dir = root, recurse = true) {
  return readYamlDir(dir, { root, recurse });
}

function configMap(name: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
}

afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

describe("readYamlDir", () => {
  it("reads every document of a multi-document file and skips empty ones", async () => {
    const root = await tree({ "all.yaml": `---\n${configMap("a")}---\n---\n# only a comment\n---\n${configMap("b")}` });
    const objects = await read(root);
    expect(objects.map(({ object }) => object.metadata.name)).toEqual(["a", "b"]);
    expect(objects.map(({ source }) => source)).toEqual(["all.yaml (document 1)", "all.yaml (document 4)"]);
  });

  it("walks nested directories depth first in code-point order", async () => {
    const root = await tree({
      "b.yaml": configMap("b"),
      "a/z.yml": configMap("a-z"),
      "a/b/c.yaml": configMap("a-b-c"),
      "C.yaml": configMap("C"),
      "a.yaml": configMap("a"),
    });
    const objects = await read(root);
    expect(objects.map(({ source }) => source)).toEqual(["C.yaml", "a/b/c.yaml", "a/z.yml", "a.yaml", "b.yaml"]);
  });

  it("reads only the top directory unless asked to recurse, as Argo CD's directory source does", async () => {
    const root = await tree({ "top.yaml": configMap("top"), "nested/deep.yaml": configMap("deep") });
    const objects = await readYamlDir(root, { root });
    expect(objects.map(({ source }) => source)).toEqual(["top.yaml"]);
    expect((await read(root, root, true)).map(({ source }) => source)).toEqual(["nested/deep.yaml", "top.yaml"]);
  });

  it("reads JSON files", async () => {
    const root = await tree({ "cm.json": JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "from-json" } }) });
    const objects = await read(root);
    expect(objects.map(({ object }) => object.metadata.name)).toEqual(["from-json"]);
  });

  it("ignores other files and documents without apiVersion and kind", async () => {
    const root = await tree({
      "README.md": "# not a manifest: [",
      "script.sh": "echo hi",
      "values.yaml": "replicas: 3\nimage: nginx\n",
      "kind-only.yaml": "kind: ConfigMap\nmetadata:\n  name: nope\n",
      "list-doc.yaml": "- a\n- b\n",
      "cm.yaml": configMap("kept"),
    });
    const objects = await read(root);
    expect(objects.map(({ object }) => object.metadata.name)).toEqual(["kept"]);
  });

  it("skips kustomization files found in sub-directories", async () => {
    const root = await tree({
      "base/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nmetadata:\n  name: base\nresources: []\n",
      "cm.yaml": configMap("kept"),
    });
    const objects = await read(root);
    expect(objects.map(({ object }) => object.kind)).toEqual(["ConfigMap"]);
  });

  it("expands the items of a kind: List", async () => {
    const list = { apiVersion: "v1", kind: "List", items: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "one" } }, { apiVersion: "v1", kind: "Secret", metadata: { name: "two" } }] };
    const root = await tree({ "list.json": JSON.stringify(list) });
    const objects = await read(root);
    expect(objects.map(({ object }) => `${object.kind}/${object.metadata.name}`)).toEqual(["ConfigMap/one", "Secret/two"]);
    expect(objects[1]?.source).toBe("list.json (List item 2)");
  });

  it("reads values the way kubectl does: 0644 is octal and on is true", async () => {
    const root = await tree({ "cm.yaml": `${configMap("x")}data:\n  mode: 0644\n  flag: on\n  day: 2025-01-01\n` });
    const [first] = await read(root);
    expect(first?.object.data).toEqual({ mode: 420, flag: true, day: "2025-01-01" });
  });

  it("names the file, line and column of invalid YAML", async () => {
    const root = await tree({ "good.yaml": configMap("fine"), "apps/bad.yaml": `${configMap("x")}data:\n  key: [1, 2\n  other: 3\n` });
    const error = await read(root).catch((caught: unknown) => caught);
    expect(isRenderError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^invalid YAML in apps\/bad\.yaml: .+ at line \d+, column \d+$/);
  });

  it("names the file of invalid JSON", async () => {
    const root = await tree({ "broken.json": '{"apiVersion": "v1",' });
    await expect(read(root)).rejects.toThrow(/^invalid JSON in broken\.json: /);
  });

  it("refuses an object without a name, naming the file", async () => {
    const root = await tree({ "nameless.yaml": "apiVersion: v1\nkind: ConfigMap\ndata: {}\n" });
    await expect(read(root)).rejects.toThrow("nameless.yaml: ConfigMap has no metadata.name");
  });

  it("refuses a symlink that points outside the repository", async () => {
    const outside = await tree({ "secret.yaml": configMap("outside") });
    const root = await tree({ "cm.yaml": configMap("inside") });
    await symlink(path.join(outside, "secret.yaml"), path.join(root, "link.yaml"));
    await expect(read(root)).rejects.toThrow("link.yaml is a symlink that points outside the repository");
  });

  it("reads only the given sub-directory but names files from the repository root", async () => {
    const root = await tree({ "apps/web/cm.yaml": configMap("web"), "apps/api/cm.yaml": configMap("api") });
    const objects = await read(root, path.join(root, "apps/web"));
    expect(objects.map(({ source }) => source)).toEqual(["apps/web/cm.yaml"]);
  });
});
