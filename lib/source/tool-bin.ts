/**
 * Finding a renderer's binary (kustomize, helm): the caller's choice, then its environment
 * variable (`LOCKSTEP_KUSTOMIZE`, `LOCKSTEP_HELM`), then the name on `PATH`, then the newest
 * complete build in the local cluster's toolchain cache (`<cache>/bin/<key>/<name>` next to
 * the `.complete` marker its builder writes last, where `<cache>` is `LOCKSTEP_CACHE_DIR`,
 * else `$XDG_CACHE_HOME/lockstep`, else `~/.cache/lockstep`, as `tools/localcluster` lays it out).
 */
import { access, readdir, stat } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";

import { findOnPath, isExecutableFile } from "./executable";

const COMPLETE_MARKER = ".complete";

/** The renderers Lockstep runs, and the variable that names each one's binary. */
export const TOOL_VARIABLES = { kustomize: "LOCKSTEP_KUSTOMIZE", helm: "LOCKSTEP_HELM" } as const;

/** A renderer Lockstep runs. */
export type ToolName = keyof typeof TOOL_VARIABLES;

/** The binary of `tool` to run, or `undefined` when none can be found; `explicit` wins when set. */
export async function findToolBinary(tool: ToolName, explicit?: string): Promise<string | undefined> {
  const chosen = explicit || process.env[TOOL_VARIABLES[tool]];
  if (chosen) return chosen;
  return (await findOnPath(tool)) ?? (await newestCachedBinary(tool));
}

async function newestCachedBinary(name: string): Promise<string | undefined> {
  const binRoot = path.join(toolchainCacheRoot(), "bin");
  const keys = await readdir(binRoot).catch(() => [] as string[]);
  let newest: { file: string; mtimeMs: number } | undefined;
  for (const key of keys) {
    const file = path.join(binRoot, key, name);
    if (!(await isExecutableFile(file)) || !(await exists(path.join(binRoot, key, COMPLETE_MARKER)))) continue;
    const { mtimeMs } = await stat(file);
    if (!newest || mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  }
  return newest?.file;
}

function toolchainCacheRoot(): string {
  if (process.env.LOCKSTEP_CACHE_DIR) return path.resolve(process.env.LOCKSTEP_CACHE_DIR);
  const xdg = process.env.XDG_CACHE_HOME;
  return path.join(xdg ? path.resolve(xdg) : path.join(homedir(), ".cache"), "lockstep");
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
