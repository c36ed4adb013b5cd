/**
 * Materializes one commit's tree into a fresh temporary directory, with a
 * throwaway index, so concurrent renders never share a mutable work tree and
 * the mirror itself is never checked out.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";

import { runGit, type GitCommandOptions } from "./git";
import { assertCommitSha } from "./sha";

/** A commit's files on disk; call `dispose()` when done with them. */
export interface Checkout {
  /** Directory holding the commit's tree (the repository root). */
  dir: string;
  /** Deletes the directory. Safe to call more than once. */
  dispose(): Promise<void>;
}

/** Options for {@link checkoutCommit}. */
export interface CheckoutOptions extends GitCommandOptions {
  /** Where temporary checkouts are created, e.g. `<dataDir>/scratch`. */
  scratchDir: string;
}

/**
 * Writes the tree of commit `sha` from the bare mirror into a new temporary
 * directory (`git read-tree` into a private index, then `git checkout-index`),
 * and returns it with a `dispose()` that removes it.
 */
export async function checkoutCommit(mirror: string, sha: string, options: CheckoutOptions): Promise<Checkout> {
  assertCommitSha(sha);
  await mkdir(options.scratchDir, { recursive: true });
  const base = await mkdtemp(path.join(options.scratchDir, "checkout-"));
  const dispose = () => rm(base, { recursive: true, force: true });
  try {
    const dir = path.join(base, "tree");
    await mkdir(dir);
    const git = { timeoutMs: options.timeoutMs, signal: options.signal, gitDir: mirror, env: { GIT_INDEX_FILE: path.join(base, "index"), GIT_WORK_TREE: dir } };
    await runGit(["read-tree", sha], git);
    await runGit(["checkout-index", "--all", "--force"], git);
    await rm(path.join(base, "index"), { force: true });
    return { dir, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
