/**
 * The body of `POST /api/images`: the same inputs as `lockstep set-image`,
 * as JSON. The image is either the CLI's notation or its parts.
 */
import { z } from "zod";

import { parseImageSpec, validateImageUpdate, type ImageUpdate } from "./image-update";
import type { SetImageOptions } from "./set-image";

const imageParts = z.object({
  name: z.string({ error: "image.name is required." }).trim().min(1, "image.name is required."),
  newName: z.string().trim().min(1).optional(),
  newTag: z.string().trim().min(1).optional(),
  digest: z.string().trim().min(1).optional(),
});

/** What a CI pipeline posts to set an image. */
export const setImageRequestSchema = z.object({
  repoUrl: z
    .string({ error: "repoUrl is required." })
    .trim()
    .min(1, "repoUrl is required.")
    .refine((url) => !/^https?:\/\/[^/\s]*@/.test(url), "repoUrl must not contain credentials; store them as repository credentials instead."),
  branch: z.string().trim().min(1).max(255).optional(),
  path: z.string({ error: "path is required: the kustomization directory or file." }).trim().min(1, "path is required: the kustomization directory or file."),
  image: z.union([z.string(), imageParts], { error: "image must be a string such as guestbook=registry.example.com/guestbook:1.4.2, or {name, newName, newTag, digest}." }),
  message: z.string().trim().min(1).max(10_000).optional(),
  author: z.object({ name: z.string().trim().min(1).max(256), email: z.string().trim().email("author.email must be an e-mail address.") }).optional(),
  maxAttempts: z.number().int().min(1).max(20).optional(),
});

/** A parsed request. */
export type SetImageRequest = z.infer<typeof setImageRequestSchema>;

/**
 * The options for `setImage` from a parsed request; the image is validated here.
 * @throws SetImageError (422) for a malformed image.
 */
export function toSetImageOptions(request: SetImageRequest): SetImageOptions {
  const image: ImageUpdate = typeof request.image === "string" ? parseImageSpec(request.image) : validateImageUpdate(request.image);
  return {
    repoUrl: request.repoUrl,
    branch: request.branch,
    path: request.path,
    image,
    message: request.message,
    author: request.author,
    maxAttempts: request.maxAttempts,
  };
}
