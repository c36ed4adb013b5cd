/**
 * Paths inside a checkout, kept inside it: an app's path may not climb out of the repository.
 * Checkouts are local and their manifests small, so renders read them with synchronous calls:
 * each costs the server's one thread a fraction of what an asynchronous call does (a promise and
 * a hop to libuv's thread pool), which counts when one push renders a thousand apps
 * (docs/performance.md). `realpathSync.native` resolves a path in one system call, where the
 * JavaScript one calls `lstat` on each of its parts.
 */
import { realpathSync, statSync } from "node:fs";
import path from "node:path";

import { RenderError } from "./render-error";

/** True when `target` is `root` itself or below it (both absolute). */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === "" || (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** The real path of `file` (symlinks resolved), or undefined when it does not exist. */
export function realOrUndefined(file: string): string | undefined {
  try {
    return realpathSync.native(file);
  } catch {
    return undefined;
  }
}

/** An app's path as shown in messages: `apps/web`, or `.` for the repository root. */
export function displayPath(appPath: string): string {
  const normalized = path.posix.normalize(appPath.trim().replace(/^\/+/, "") || ".");
  return normalized.replace(/\/+$/, "") || ".";
}

/** Options for {@link resolveAppDir}. */
export interface ResolveAppDirOptions {
  /** The commit the checkout holds, named in the error when the path is missing. */
  commit?: string;
}

/**
 * The real directory of `appPath` inside the checkout `root`.
 * @throws RenderError when the path does not exist, is not a directory, or leads outside the repository.
 */
export async function resolveAppDir(root: string, appPath: string, options: ResolveAppDirOptions = {}): Promise<string> {
  const shown = displayPath(appPath);
  const realRoot = realpathSync.native(root);
  const candidate = path.resolve(realRoot, shown);
  const where = options.commit ? `the repository at ${options.commit}` : "the repository";
  if (!isInside(realRoot, candidate)) throw new RenderError(`path ${shown} is outside the repository`);
  const dir = realOrUndefined(candidate);
  if (!dir) throw new RenderError(`path ${shown} does not exist in ${where}`);
  if (!isInside(realRoot, dir)) throw new RenderError(`path ${shown} is a symlink that points outside the repository`);
  if (!statSync(dir).isDirectory()) throw new RenderError(`path ${shown} in ${where} is a file, not a directory`);
  return dir;
}
