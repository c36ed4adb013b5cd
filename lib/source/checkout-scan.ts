/**
 * Checks a whole checkout before anything in it is read: no symlink may point outside the
 * repository (as Argo CD refuses "out-of-bounds symlinks"), and the tree may not be
 * unreasonably large. Dangling links are judged by where they would point.
 */
import { readdir, readlink, realpath } from "node:fs/promises";
import path from "node:path";

import { LIMIT_VARIABLES, type RenderLimits } from "./limits";
import { isInside } from "./paths";
import { RenderError } from "./render-error";

/** Options for {@link scanCheckout}. */
export interface ScanCheckoutOptions {
  limits: Pick<RenderLimits, "maxEntries">;
}

async function symlinkTarget(link: string): Promise<string> {
  const real = await realpath(link).catch(() => undefined);
  if (real) return real;
  return path.resolve(path.dirname(link), await readlink(link));
}

/**
 * Walks the checkout at `root` (a real path) and refuses it when a symlink leads outside it
 * or when it has more entries than allowed.
 * @throws RenderError naming the offending link, or the limit.
 */
export async function scanCheckout(root: string, options: ScanCheckoutOptions): Promise<void> {
  let entries = 0;
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      entries += 1;
      if (entries > options.limits.maxEntries) {
        throw new RenderError(`the repository has more than ${options.limits.maxEntries} files and directories (raise ${LIMIT_VARIABLES.maxEntries} to allow it)`);
      }
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        const target = await symlinkTarget(full);
        if (!isInside(root, target)) throw new RenderError(`${path.relative(root, full)} is a symlink that points outside the repository`);
      } else if (entry.isDirectory()) {
        pending.push(full);
      }
    }
  }
}
