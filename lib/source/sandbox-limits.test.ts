import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { scanCheckout } from "./checkout-scan";
import { kustomizeEnvironment } from "./kustomize";
import { DEFAULT_RENDER_LIMITS, formatBytes, renderLimits } from "./limits";
import { parseYamlManifests } from "./parse-manifests";
import { readYamlDir } from "./yaml-dir";

const roots: string[] = [];

async function tree(files: Record<string, string>): Promise<string> {
  const root = await realpath(await mkdtemp(path.join(os.tmpdir(), "lockstep-sandbox-")));
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

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe("render limits", () => {
  it("come from the environment, with defaults for missing or invalid values", () => {
    const limits = renderLimits({}, { LOCKSTEP_RENDER_MAX_FILES: "7", LOCKSTEP_RENDER_MAX_DOCUMENTS: "many", LOCKSTEP_KUSTOMIZE_REMOTE_BASES: "true" });
    expect(limits).toEqual({ ...DEFAULT_RENDER_LIMITS, maxFiles: 7, allowRemoteBases: true });
    expect(formatBytes(50 * 1024 * 1024)).toBe("50.0 MiB");
  });

  it("refuse a directory with too many manifest files, too large a file or too many bytes", async () => {
    const root = await tree({ "a.yaml": cm("a"), "b.yaml": cm("b"), "c.yaml": cm("c") });
    const limits = { maxFiles: 2, maxFileBytes: 1000, maxTotalBytes: 1000 };
    await expect(readYamlDir(root, { root, limits })).rejects.toThrow(". has 3 manifest files; a render may read at most 2 (LOCKSTEP_RENDER_MAX_FILES)");
    await expect(readYamlDir(root, { root, limits: { ...limits, maxFiles: 10, maxFileBytes: 20 } })).rejects.toThrow(/a\.yaml is \d+ bytes; manifest files may be at most 20 bytes/);
    await expect(readYamlDir(root, { root, limits: { ...limits, maxFiles: 10, maxTotalBytes: 120 } })).rejects.toThrow(/the manifests reach \d+ bytes at c\.yaml; a render may read at most 120 bytes/);
  });

  it("spend one document budget across files and refuse past it", () => {
    const budget = { remaining: 3, limit: 3 };
    expect(parseYamlManifests(`${cm("a")}---\n${cm("b")}`, "one.yaml", { budget })).toHaveLength(2);
    expect(() => parseYamlManifests(`${cm("c")}---\n${cm("d")}`, "two.yaml", { budget })).toThrow("two.yaml brings the render over 3 YAML documents");
  });

  it("refuse YAML whose aliases expand too much", () => {
    const bomb = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`;
    expect(() => parseYamlManifests(bomb, "bomb.yaml")).toThrow("bomb.yaml: YAML aliases expand too much");
  });
});

describe("the checkout scan", () => {
  it("accepts links inside the repository and refuses links out of it, dangling ones too", async () => {
    const root = await tree({ "app/a.yaml": cm("a") });
    await symlink("a.yaml", path.join(root, "app", "inside.yaml"));
    await expect(scanCheckout(root, { limits: { maxEntries: 100 } })).resolves.toBeUndefined();
    await symlink("../../../../../../nowhere/at/all", path.join(root, "app", "dangling.yaml"));
    await expect(scanCheckout(root, { limits: { maxEntries: 100 } })).rejects.toThrow("app/dangling.yaml is a symlink that points outside the repository");
  });

  it("refuses a checkout with more entries than allowed", async () => {
    const root = await tree({ "a.yaml": cm("a"), "b.yaml": cm("b"), "c/d.yaml": cm("d") });
    await expect(scanCheckout(root, { limits: { maxEntries: 3 } })).rejects.toThrow("the repository has more than 3 files and directories (raise LOCKSTEP_RENDER_MAX_ENTRIES to allow it)");
  });
});

describe("kustomize's environment", () => {
  it("carries none of the server's variables and, without remote bases, no network", () => {
    process.env.LOCKSTEP_TEST_SECRET_VARIABLE = "hidden";
    try {
      const env = kustomizeEnvironment({ allowRemoteBases: false });
      expect(env.LOCKSTEP_TEST_SECRET_VARIABLE).toBeUndefined();
      expect(env).toMatchObject({ GIT_ALLOW_PROTOCOL: "none", HTTPS_PROXY: "http://127.0.0.1:9", GIT_TERMINAL_PROMPT: "0" });
      expect(env).toMatchObject({ GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_LFS_SKIP_SMUDGE: "1" });
      const remote = kustomizeEnvironment({ allowRemoteBases: true });
      expect(remote).toMatchObject({ GIT_ALLOW_PROTOCOL: "http:https:ssh", GIT_CONFIG_GLOBAL: "/dev/null" });
      expect(remote.HTTPS_PROXY).toBeUndefined();
    } finally {
      delete process.env.LOCKSTEP_TEST_SECRET_VARIABLE;
    }
  });
});
