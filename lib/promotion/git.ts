/**
 * A promotion's one touch of Git, through lib/cd's write path (shallow clone with the stored
 * credentials, comment-preserving `images:` edits, push with retry on a moved branch): read the
 * target overlay and plan the change for a preview, or make the same change and push it. When
 * another writer pushed first, the images are applied again on the new head.
 */
import { readFile, writeFile } from "node:fs/promises";
import { assertRegularClonePath } from "@/lib/cd/clone-path";
import type { GitAuthor } from "@/lib/cd/config-clone";
import { cleanRepoPath, pushWithRetry, withConfigClone, type ChangeAttempt, type ConfigRepoTarget } from "@/lib/cd/config-write";
import { DEFAULT_MAX_ATTEMPTS, locateKustomization } from "@/lib/cd/set-image";
import type { KustomizationImage, PromotedImage } from "./match";
import { readKustomizationImages } from "./match";
import { planPromotion, type PromotionPlan } from "./plan";

/** The author of promotion commits. */
export const PROMOTION_AUTHOR: GitAuthor = { name: "Lockstep promotion", email: "promotion@lockstep.local" };

/** The target overlay as read from the branch head. */
export interface OverlayRead {
  /** The kustomization file, relative to the repository root. */
  file: string;
  /** Its text. */
  text: string;
  /** Its `images:` entries. */
  entries: KustomizationImage[];
  /** The branch head read. */
  head: string;
}

/** Where the overlay is. */
export interface OverlayTarget extends ConfigRepoTarget {
  /** The overlay directory or kustomization file, relative to the repository root. */
  path: string;
}

/** Reads the target overlay's kustomization at the branch head (a shallow clone, deleted afterwards). */
export async function readOverlay(target: OverlayTarget): Promise<OverlayRead> {
  const repoPath = cleanRepoPath(target.path);
  return withConfigClone(target, async (clone) => {
    const file = await locateKustomization(clone, repoPath);
    const text = await readFile(await assertRegularClonePath(clone.dir, file), "utf8");
    return { file, text, entries: readKustomizationImages(text, file), head: await clone.head() };
  });
}

/** What committing a promotion did. */
export type PromotionWrite = { status: "committed"; commit: string; plan: PromotionPlan } | { status: "unchanged"; commit: string; plan: PromotionPlan };

/**
 * Sets `images` in the overlay's kustomization and pushes one commit; on a moved branch,
 * catches up and applies them again. `unchanged` when the branch already has them.
 * @throws SetImageError as lib/cd's set-image does.
 */
export async function commitImages(target: OverlayTarget, images: readonly PromotedImage[], message: string, author: GitAuthor = PROMOTION_AUTHOR): Promise<PromotionWrite> {
  const repoPath = cleanRepoPath(target.path);
  return withConfigClone(target, async (clone, remote) => {
    const file = await locateKustomization(clone, repoPath);
    const { result, pushed } = await pushWithRetry(clone, remote, {
      maxAttempts: DEFAULT_MAX_ATTEMPTS,
      onProgress: target.onProgress,
      change: async (): Promise<ChangeAttempt<{ plan: PromotionPlan; commit?: string }>> => {
        const plan = planPromotion(await readFile(await assertRegularClonePath(clone.dir, file), "utf8"), images, file);
        if (plan.diff === "") return { committed: false, result: { plan } };
        await writeFile(await assertRegularClonePath(clone.dir, file), plan.text);
        const commit = await clone.commit(file, message, author);
        return { committed: true, commit, result: { plan, commit } };
      },
    });
    if (!pushed || !result.commit) return { status: "unchanged", commit: await clone.head(), plan: result.plan };
    return { status: "committed", commit: result.commit, plan: result.plan };
  });
}
