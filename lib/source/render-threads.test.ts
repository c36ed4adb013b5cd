import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { APP_LABEL } from "@/lib/types";

import { renderDirectoryEncoded, type DirectoryRenderRequest } from "./directory-render";
import { decodeObjects } from "./encoded-objects";
import { DEFAULT_RENDER_LIMITS } from "./limits";
import { RenderError } from "./render-error";
import { createRenderThreads, type RenderThreads } from "./render-threads";
import { SourceError } from "./source-error";

let root: string;
const pools: RenderThreads[] = [];

function threads(options: Parameters<typeof createRenderThreads>[0]): RenderThreads {
  const made = createRenderThreads(options);
  pools.push(made);
  return made;
}

function request(dir: string, overrides: Partial<DirectoryRenderRequest> = {}): DirectoryRenderRequest {
  return { dir: path.join(root, dir), root, appName: "web", destNamespace: "prod", limits: { ...DEFAULT_RENDER_LIMITS }, recurse: false, ...overrides };
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "lockstep-render-threads-"));
  await mkdir(path.join(root, "app", "nested"), { recursive: true });
  await writeFile(path.join(root, "app", "a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  mode: '0644'\n  octal: 0644\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n");
  await writeFile(path.join(root, "app", "nested", "b.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n");
  await mkdir(path.join(root, "broken"));
  await writeFile(path.join(root, "broken", "bad.yaml"), "apiVersion: v1\nkind: [\n");
  await mkdir(path.join(root, "twice"));
  await writeFile(path.join(root, "twice", "one.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same\n");
  await writeFile(path.join(root, "twice", "two.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same\n");
});

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
  await rm(root, { recursive: true, force: true });
});

describe("createRenderThreads", () => {
  it("renders a directory on a thread into the same objects as a render on this thread", async () => {
    const pool = threads({ threads: 2 });
    for (const recurse of [false, true]) {
      const [there, here] = await Promise.all([pool.render(request("app", { recurse })), renderDirectoryEncoded(request("app", { recurse }))]);
      expect(decodeObjects(there)).toEqual(decodeObjects(here));
    }
    const objects = decodeObjects(await pool.render(request("app")));
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`)).toEqual(["ConfigMap/prod/a", "Namespace//team"]);
    expect(objects[0]?.data).toEqual({ mode: "0644", octal: 420 });
    expect(objects[0]?.metadata.labels).toMatchObject({ [APP_LABEL]: "web" });
  });

  it("answers a render's errors as RenderErrors with the message an in-thread render gives", async () => {
    const pool = threads({ threads: 1 });
    for (const dir of ["broken", "twice"]) {
      const here = await renderDirectoryEncoded(request(dir)).catch((error: unknown) => error);
      expect(here).toBeInstanceOf(RenderError);
      const there = await pool.render(request(dir)).catch((error: unknown) => error);
      expect(there).toBeInstanceOf(RenderError);
      expect((there as Error).message).toBe((here as Error).message);
    }
    const limited = await pool.render(request("app", { limits: { ...DEFAULT_RENDER_LIMITS, maxDocuments: 1 } })).catch((error: unknown) => error);
    expect((limited as Error).message).toMatch(/over 1 YAML documents/);
    expect(decodeObjects(await pool.render(request("app")))).toHaveLength(2);
  });

  it("refuses a symlink out of the repository on a thread too", async () => {
    await mkdir(path.join(root, "escape"));
    await symlink("/etc/hostname", path.join(root, "escape", "host.yaml"));
    const pool = threads({ threads: 1 });
    await expect(pool.render(request("escape"))).rejects.toThrow(/points outside the repository/);
  });

  it("shares many renders among its threads and stops idle threads, starting one again when asked", async () => {
    const pool = threads({ threads: 2, idleMs: 50 });
    const many = await Promise.all(Array.from({ length: 20 }, () => pool.render(request("app"))));
    for (const encoded of many) expect(decodeObjects(encoded)).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(decodeObjects(await pool.render(request("app")))).toHaveLength(2);
  });

  it("fails renders under way when closed, and refuses later ones", async () => {
    const pool = threads({ threads: 1 });
    const pending = pool.render(request("app")).catch((error: unknown) => error);
    await pool.close();
    expect(await pending).toBeInstanceOf(SourceError);
    await expect(pool.render(request("app"))).rejects.toThrow("the source is closed");
  });
});
