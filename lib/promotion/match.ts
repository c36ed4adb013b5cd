/**
 * Which `images:` entries of the target overlay a promotion changes: each entry is matched by
 * image name to what runs live in the source stage — by the name the manifests end up with
 * (`newName`, else `name`), or by the entry's own `name` — as Kargo matches freight to a
 * kustomize-set-image step. Entries whose image does not run in the source are left alone.
 */
import { parseDocument } from "yaml";
import type { ImageUpdate } from "@/lib/cd/image-update";
import { ConflictError, InvalidError } from "@/lib/errors";
import { formatImageReference, type LiveImage } from "./images";

/** One `images:` entry of a kustomization, as written. */
export interface KustomizationImage {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** One image a promotion moves: the entry, what it pointed at, and the live reference it will point at. */
export interface PromotedImage {
  /** The entry's `name`. */
  name: string;
  /** The image the entry pointed at before, e.g. `registry.example.com/guestbook:1.0.0`. */
  from: string;
  /** The image it points at after, as the source stage runs it. */
  to: string;
  /** The edit lib/cd makes. */
  update: ImageUpdate;
}

/** The result of {@link matchImages}. */
export interface ImageMatch {
  /** The entries to change (already matching ones are included with `from === to`). */
  images: PromotedImage[];
  /** Entries whose image the source stage does not run, or runs without a tag or digest. */
  skipped: { name: string; reason: string }[];
}

const text = (value: unknown) => (value === undefined || value === null ? undefined : String(value));

/**
 * The `images:` entries of a kustomization file's text.
 * @throws InvalidError when the file is not YAML or its `images:` is not a list of named entries.
 */
export function readKustomizationImages(source: string, file = "kustomization.yaml"): KustomizationImage[] {
  const document = parseDocument(source, { uniqueKeys: false });
  if (document.errors.length > 0) throw new InvalidError(`${file} is not valid YAML: ${document.errors[0]!.message.split("\n")[0]}`);
  const value = (document.toJS() ?? {}) as Record<string, unknown>;
  if (typeof value !== "object" || Array.isArray(value)) throw new InvalidError(`${file} is not a Kustomization: its top level is not a mapping.`);
  const images = value.images ?? [];
  if (!Array.isArray(images)) throw new InvalidError(`The images field of ${file} is not a list.`);
  return images.map((entry, index) => {
    const name = text((entry as Record<string, unknown> | null)?.name);
    if (!name) throw new InvalidError(`Entry ${index + 1} of images in ${file} has no name.`);
    const record = entry as Record<string, unknown>;
    return { name, newName: text(record.newName), newTag: text(record.newTag), digest: text(record.digest) };
  });
}

/** The image an entry makes the manifests run, e.g. `registry.example.com/guestbook:1.0.0`. */
export function effectiveImageOf(entry: KustomizationImage): string {
  return formatImageReference({ repository: entry.newName ?? entry.name, tag: entry.newTag, digest: entry.digest });
}

/**
 * Matches the target overlay's entries to the images live in the source stage.
 * @throws ConflictError when the source runs two versions of one entry's image (it is mid-rollout or split).
 */
export function matchImages(entries: readonly KustomizationImage[], live: readonly LiveImage[]): ImageMatch {
  const images: PromotedImage[] = [];
  const skipped: ImageMatch["skipped"] = [];
  for (const entry of entries) {
    const repository = entry.newName ?? entry.name;
    const candidates = live.filter((image) => image.repository === repository || image.repository === entry.name);
    const references = [...new Set(candidates.map((image) => image.reference))];
    if (references.length === 0) {
      skipped.push({ name: entry.name, reason: `the source stage runs no ${repository} image` });
      continue;
    }
    if (references.length > 1) {
      throw new ConflictError(`The source stage runs ${references.length} versions of ${repository} (${references.join(", ")}); promote once it runs one.`);
    }
    const image = candidates[0]!;
    if (!image.tag && !image.digest) {
      skipped.push({ name: entry.name, reason: `the source stage runs ${image.reference} without a tag or digest` });
      continue;
    }
    const update: ImageUpdate = {
      name: entry.name,
      ...(image.repository !== repository ? { newName: image.repository } : {}),
      ...(image.tag ? { newTag: image.tag } : {}),
      ...(image.digest ? { digest: image.digest } : {}),
    };
    images.push({ name: entry.name, from: effectiveImageOf(entry), to: image.reference, update });
  }
  return { images, skipped };
}
