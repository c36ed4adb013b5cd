/**
 * The change a promotion commits, computed before anything is written: each promoted image is
 * set in the target kustomization with lib/cd's comment-preserving edit, and the result is
 * shown as a unified diff of that one file — the preview a user approves is the commit.
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { setKustomizationImage } from "@/lib/cd/kustomization-images";
import type { PromotedImage } from "./match";

/** The promotion's change to one file. */
export interface PromotionPlan {
  /** The kustomization file, relative to the repository root. */
  file: string;
  /** The file's text after the change. */
  text: string;
  /** The images the change moves (entries already at the source's version left out). */
  images: PromotedImage[];
  /** A unified diff of the file; empty when nothing changes. */
  diff: string;
}

/** Applies `images` to the kustomization text, one edit after another. */
export function applyImages(source: string, images: readonly PromotedImage[], file: string): { text: string; changed: PromotedImage[] } {
  let text = source;
  const changed: PromotedImage[] = [];
  for (const image of images) {
    const edit = setKustomizationImage(text, image.update, { file });
    if (edit.changed) changed.push(image);
    text = edit.text;
  }
  return { text, changed };
}

/** A unified diff of one file between two texts (`a/<file>` → `b/<file>`); empty when they are equal. */
export function fileDiff(file: string, before: string, after: string): string {
  if (before === after) return "";
  return createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
}

/** The plan of a promotion into the file `file` holding `source`. */
export function planPromotion(source: string, images: readonly PromotedImage[], file: string): PromotionPlan {
  const { text, changed } = applyImages(source, images, file);
  return { file, text, images: changed, diff: fileDiff(file, source, text) };
}
