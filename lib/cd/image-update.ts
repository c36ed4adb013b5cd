/**
 * What `set-image` changes, and its validation: an entry of a Kustomization's
 * `images:` list, written the way `kustomize edit set image` takes it —
 * `name=new-name:tag`, `name:tag`, `name@sha256:…`, `name=new-name@digest`.
 * Names, tags and digests follow the OCI distribution reference grammar, so a
 * malformed reference is refused before anything is written.
 */
import { SetImageError } from "./set-image-error";

/** The change to one entry of `images:`; `name` is the image as the manifests name it. */
export interface ImageUpdate {
  /** The image name used in the manifests, e.g. `guestbook` or `nginx`. */
  name: string;
  /** Replacement repository, e.g. `registry.example.com/team/guestbook`. */
  newName?: string;
  /** Replacement tag, e.g. `1.4.2`; setting it drops a pinned digest unless one is given too. */
  newTag?: string;
  /** Replacement digest, e.g. `sha256:…`; setting it drops the tag unless one is given too. */
  digest?: string;
}

const ALNUM = "[a-z0-9]+";
const SEPARATOR = "(?:[._]|__|[-]+)";
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const NAME = new RegExp(`^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z][a-z0-9]*(?:[-_+.][a-z][a-z0-9]*)*:[0-9a-f]{32,}$/;
const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;

/** Longest image name accepted, as in the distribution reference grammar. */
const MAX_NAME_LENGTH = 255;

/** An example shown with every refusal, so the fix is obvious. */
export const IMAGE_SPEC_EXAMPLE = "guestbook=registry.example.com/team/guestbook:1.4.2";

function refuse(message: string): never {
  throw new SetImageError(message, { kind: "invalid" });
}

function assertName(what: string, value: string): void {
  if (value.length > MAX_NAME_LENGTH || !NAME.test(value)) {
    refuse(`${what} "${value}" is not a valid image name: use lowercase path components separated by '/', optionally after a registry host, e.g. registry.example.com/team/guestbook.`);
  }
}

function assertTag(value: string): void {
  if (!TAG.test(value)) refuse(`The tag "${value}" is not valid: a tag is 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'.`);
}

function assertDigest(value: string): void {
  const isValid = value.startsWith("sha256:") ? SHA256_DIGEST.test(value) : DIGEST.test(value);
  if (!isValid) refuse(`The digest "${value}" is not valid: expected an algorithm and lowercase hex, e.g. sha256: followed by 64 hex digits.`);
}

/**
 * Checks every part of an update and that it changes something.
 * @throws SetImageError (422) naming the first malformed part.
 */
export function validateImageUpdate(update: ImageUpdate): ImageUpdate {
  assertName("The image", update.name);
  if (update.newName !== undefined) assertName("The new name", update.newName);
  if (update.newTag !== undefined) assertTag(update.newTag);
  if (update.digest !== undefined) assertDigest(update.digest);
  if (update.newName === undefined && update.newTag === undefined && update.digest === undefined) {
    refuse(`The image "${update.name}" names no new name, tag or digest; write it as ${IMAGE_SPEC_EXAMPLE}.`);
  }
  return update;
}

/**
 * Splits `repository[:tag][@digest]` at the tag colon (one after the last '/', so a registry
 * port such as `localhost:5000/app` stays in the repository) and the '@'.
 */
export function splitImageReference(reference: string): { repository: string; tag?: string; digest?: string } {
  const at = reference.indexOf("@");
  const digest = at === -1 ? undefined : reference.slice(at + 1);
  const rest = at === -1 ? reference : reference.slice(0, at);
  const colon = rest.lastIndexOf(":");
  const isTagColon = colon > rest.lastIndexOf("/");
  return {
    repository: isTagColon ? rest.slice(0, colon) : rest,
    ...(isTagColon ? { tag: rest.slice(colon + 1) } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

/**
 * Parses the `kustomize edit set image` notation: `name=new-name[:tag][@digest]`
 * or `name[:tag][@digest]`.
 * @example parseImageSpec("guestbook=registry.example.com/guestbook:1.4.2")
 * // → { name: "guestbook", newName: "registry.example.com/guestbook", newTag: "1.4.2" }
 * @throws SetImageError (422) with one sentence saying what is wrong.
 */
export function parseImageSpec(spec: string): ImageUpdate {
  const text = spec.trim();
  if (text === "" || /\s/.test(text)) refuse(`"${spec}" is not a valid image: write it as ${IMAGE_SPEC_EXAMPLE} (no spaces).`);
  const equals = text.indexOf("=");
  if (equals !== -1) {
    const name = text.slice(0, equals);
    const target = splitImageReference(text.slice(equals + 1));
    if (target.repository === "") refuse(`"${spec}" names no new image after '='; write it as ${IMAGE_SPEC_EXAMPLE}.`);
    return validateImageUpdate({ name, newName: target.repository, newTag: target.tag, digest: target.digest });
  }
  const own = splitImageReference(text);
  return validateImageUpdate({ name: own.repository, newTag: own.tag, digest: own.digest });
}

/** The image an update points at, e.g. `registry.example.com/guestbook:1.4.2`, for messages. */
export function describeImageTarget(update: ImageUpdate): string {
  return `${update.newName ?? update.name}${update.newTag ? `:${update.newTag}` : ""}${update.digest ? `@${update.digest}` : ""}`;
}
