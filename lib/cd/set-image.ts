/**
 * `set-image`: the CD half's one write to Git. Clones the config repository
 * shallowly, points one `images:` entry of a kustomization at a new image,
 * commits and pushes; when another pipeline pushed first, it catches up with
 * the new head and applies its edit again, a bounded number of times, so
 * parallel bumps of different images never lose one. Running it twice is
 * harmless: the second run finds the version already there and commits nothing.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import type { CredentialLookup, RepoAuth } from "@/lib/source";

import { assertRegularClonePath, inspectClonePath } from "./clone-path";
import type { ConfigClone, GitAuthor } from "./config-clone";
import { cleanRepoPath, pushWithRetry, withConfigClone, type ChangeAttempt } from "./config-write";
import { validateImageUpdate, type ImageUpdate } from "./image-update";
import { setKustomizationImage } from "./kustomization-images";
import { SetImageError } from "./set-image-error";

export { GIT_FAILURE_MESSAGES } from "./config-write";

/** The author of set-image commits unless told otherwise. */
export const DEFAULT_AUTHOR: GitAuthor = { name: "Lockstep set-image", email: "set-image@lockstep.local" };

/** How many times set-image pushes before giving up on a branch that keeps moving. */
export const DEFAULT_MAX_ATTEMPTS = 5;

const KUSTOMIZATION_NAMES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/** What to change, where, and as whom. */
export interface SetImageOptions {
  /** The config repository's URL (credentials in it are used, never shown). */
  repoUrl: string;
  /** The branch to commit to. @default the repository's default branch */
  branch?: string;
  /** The kustomization file, or the directory holding it, relative to the repository root. */
  path: string;
  /** The image entry to set. */
  image: ImageUpdate;
  /** The commit's author and committer. @default DEFAULT_AUTHOR */
  author?: GitAuthor;
  /** The commit message. @default "Set image <name> to <image the entry now points at>", naming the file in the body */
  message?: string;
  /** Credentials; when absent, those in the URL or what `credentials` finds are used. */
  auth?: RepoAuth;
  /** Looks up stored repository credentials by URL (the server's); none when absent. */
  credentials?: CredentialLookup;
  /** Pushes tried before giving up. @default 5 */
  maxAttempts?: number;
  /** Timeout of each git command, in milliseconds. @default 60_000 */
  timeoutMs?: number;
  /** Told about each step, for a CLI's progress lines. */
  onProgress?: (line: string) => void;
}

/** What set-image did. */
export interface SetImageResult {
  /** `committed`: a new commit was pushed; `unchanged`: the file already named that version. */
  status: "committed" | "unchanged";
  /** The new commit, or the branch head that already had the version. */
  commit: string;
  /** The branch written to. */
  branch: string;
  /** The kustomization file edited, relative to the repository root. */
  file: string;
  /** Pushes tried (0 when nothing was committed). */
  attempts: number;
  /** One sentence saying what happened. */
  message: string;
}

/**
 * The kustomization file at `repoPath` in the clone: the path itself, or a kustomization file in
 * that directory — never through a symbolic link. Shared with promotions (lib/promotion).
 * @throws SetImageError (invalid) when there is none.
 */
export async function locateKustomization(clone: ConfigClone, repoPath: string): Promise<string> {
  const candidates = /\.ya?ml$|(^|\/)Kustomization$/.test(repoPath) ? [repoPath] : KUSTOMIZATION_NAMES.map((name) => path.posix.join(repoPath, name));
  for (const candidate of candidates) {
    if ((await inspectClonePath(clone.dir, candidate)) === "file") return candidate;
  }
  throw new SetImageError(`No kustomization file at "${repoPath}" on branch ${clone.branch}.`, { kind: "invalid" });
}

function defaultMessage(name: string, target: string, file: string): string {
  return `Set image ${name} to ${target}\n\nIn ${file}, by lockstep set-image.`;
}

/**
 * Sets an image in a kustomization in Git: clone, edit, commit, push, and on a
 * moved branch catch up and try again (at most `maxAttempts` pushes).
 * @throws SetImageError — invalid for a malformed image, path or kustomization (or one reached
 * through a symbolic link); conflict when the branch kept moving; unreachable when the Git host
 * failed (Git's words in `detail`, never in the message). Nothing is pushed then.
 */
export async function setImage(options: SetImageOptions): Promise<SetImageResult> {
  const image = validateImageUpdate(options.image);
  const repoPath = cleanRepoPath(options.path);
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  return withConfigClone(options, async (clone, remote) => {
    const file = await locateKustomization(clone, repoPath);
    const { result, pushed, attempts } = await pushWithRetry(clone, remote, {
      maxAttempts,
      onProgress: options.onProgress,
      change: async (): Promise<ChangeAttempt<{ image: string; commit?: string }>> => {
        const absolute = await assertRegularClonePath(clone.dir, file);
        const edit = setKustomizationImage(await readFile(absolute, "utf8"), image, { file });
        if (!edit.changed) return { committed: false, result: { image: edit.image } };
        await writeFile(await assertRegularClonePath(clone.dir, file), edit.text);
        const commit = await clone.commit(file, options.message ?? defaultMessage(image.name, edit.image, file), options.author ?? DEFAULT_AUTHOR);
        return { committed: true, commit, result: { image: edit.image, commit } };
      },
    });
    if (!pushed || !result.commit) {
      const message = `${file} on ${clone.branch} already sets ${image.name} to ${result.image}; nothing to commit.`;
      return { status: "unchanged", commit: await clone.head(), branch: clone.branch, file, attempts, message };
    }
    const message = `Set ${image.name} to ${result.image} in ${file} on ${clone.branch} (commit ${result.commit.slice(0, 12)}).`;
    return { status: "committed", commit: result.commit, branch: clone.branch, file, attempts, message };
  });
}
