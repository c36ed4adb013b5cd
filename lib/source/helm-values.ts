/**
 * A Helm source's values files, kept inside the repository as Argo CD keeps them: a relative
 * name is read from the chart's directory, a name starting with `/` from the repository root,
 * and after symlinks are followed the file must still be inside the repository. URLs (`https:`,
 * `file:`, `s3:` …) are refused: values come from the commit being rendered, nowhere else.
 */
import { realpath, stat } from "node:fs/promises";
import path from "node:path";

import { formatBytes, LIMIT_VARIABLES, type RenderLimits } from "./limits";
import { isInside } from "./paths";
import { RenderError } from "./render-error";

/** True when `name` is shaped like a URL (`scheme:` of two letters or more), which values files may not be. */
export function isUrlLike(name: string): boolean {
  return /^[a-z][a-z0-9+.-]+:/i.test(name);
}

/**
 * The path a values file names, before symlinks: `/x` from the repository root, `x` from the chart.
 * @throws RenderError for a URL or a path that climbs out of the repository.
 */
export function valueFilePath(root: string, chartDir: string, name: string): string {
  if (name.trim() === "") throw new RenderError("a values file name is empty");
  if (isUrlLike(name)) throw new RenderError(`values file ${name} is a URL; values files must be paths inside the repository`);
  const candidate = name.startsWith("/") ? path.join(root, name) : path.resolve(chartDir, name);
  if (!isInside(root, candidate)) throw new RenderError(`values file ${name} is outside the repository`);
  return candidate;
}

/**
 * The real paths of the values files, each checked: inside the repository after symlinks, a
 * regular file, within the file size limit.
 * @throws RenderError naming the values file at fault.
 */
export async function resolveValueFiles(root: string, chartDir: string, names: readonly string[], limits: Pick<RenderLimits, "maxFileBytes">): Promise<string[]> {
  const files: string[] = [];
  for (const name of names) {
    const real = await realpath(valueFilePath(root, chartDir, name)).catch(() => undefined);
    if (!real) throw new RenderError(`values file ${name} does not exist in the repository`);
    if (!isInside(root, real)) throw new RenderError(`values file ${name} is a symlink that points outside the repository`);
    const info = await stat(real);
    if (!info.isFile()) throw new RenderError(`values file ${name} is not a file`);
    if (info.size > limits.maxFileBytes) throw new RenderError(`values file ${name} is ${formatBytes(info.size)}; files may be at most ${formatBytes(limits.maxFileBytes)} (${LIMIT_VARIABLES.maxFileBytes})`);
    files.push(real);
  }
  return files;
}
