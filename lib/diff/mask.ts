import { groupOf, type KubeObject } from "@/lib/types";
import { decodeBase64, encodeBase64 } from "./base64";
import { isPlainObject, type JsonObject } from "./json";

/** The shortest mask; each further distinct value of the same key gets a longer one. */
const FIRST_MASK = "++++++++";
const MASK_GROWTH = "++++";
const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

/** A desired/live pair after masking. */
export interface MaskedPair {
  desired?: KubeObject;
  live?: KubeObject;
}

/** True for a core `v1` Secret, the only kind whose values Lockstep hides. */
export function isSecret(obj: KubeObject | undefined): obj is KubeObject {
  return obj?.kind === "Secret" && groupOf(obj.apiVersion) === "";
}

/**
 * Hides Secret values while keeping visible which keys changed. `stringData` is first folded
 * into base64 `data`, as the API server does; then, key by key, every distinct value gets a
 * mask of its own length: the first value seen `++++++++`, the next one four `+` longer.
 * Equal values on both sides thus get equal masks and different values different ones. The
 * mask comes from comparing values, never from hashing them (after Argo CD's
 * `HideSecretData`), so nothing derived from a value leaves the process. The
 * `last-applied-configuration` annotation, which repeats the values, is masked whole.
 * Objects other than core Secrets are returned as given.
 */
export function maskSecrets(desired: KubeObject | undefined, live: KubeObject | undefined): MaskedPair {
  const pair = [desired, live].map((obj) => (isSecret(obj) ? foldStringData(obj) : obj));
  const secrets = pair.filter(isSecret);
  const keys = new Set(secrets.flatMap((secret) => Object.keys(dataOf(secret))));
  for (const key of keys) {
    const maskOfValue = new Map<string, string>();
    let next = FIRST_MASK;
    for (const secret of secrets) {
      const data = dataOf(secret);
      if (!Object.hasOwn(data, key)) continue;
      const value = JSON.stringify(data[key] ?? null);
      let mask = maskOfValue.get(value);
      if (mask === undefined) {
        mask = next;
        maskOfValue.set(value, mask);
        next += MASK_GROWTH;
      }
      data[key] = mask;
    }
  }
  for (const secret of secrets) maskLastApplied(secret);
  return { desired: pair[0], live: pair[1] };
}

/** One object with its Secret values masked, for showing a live object on its own. */
export function maskSecretObject(obj: KubeObject): KubeObject {
  return maskSecrets(obj, undefined).desired ?? obj;
}

/**
 * True when `text` contains any value of the Secret `obj`, decoded or base64-encoded.
 * A guard for tests and for redaction; false for objects that are not Secrets.
 */
export function containsSecretValue(text: string, obj: KubeObject): boolean {
  return secretValueForms(obj).some((value) => text.includes(value));
}

/** `text` with every value of the given Secrets, in either form, replaced by a mask. */
export function redactSecretValues(text: string, objects: readonly (KubeObject | undefined)[]): string {
  const values = objects.flatMap((obj) => (obj ? secretValueForms(obj) : []));
  const longestFirst = [...new Set(values)].sort((a, b) => b.length - a.length);
  return longestFirst.reduce((redacted, value) => redacted.split(value).join(FIRST_MASK), text);
}

/** A copy of a Secret with `stringData` encoded into `data` (stringData wins) and removed. */
function foldStringData(secret: KubeObject): KubeObject {
  const copy = structuredClone(secret);
  const stringData = isPlainObject(copy.stringData) ? copy.stringData : {};
  const data: JsonObject = { ...(isPlainObject(copy.data) ? copy.data : {}) };
  for (const [key, value] of Object.entries(stringData)) data[key] = encodeBase64(String(value ?? ""));
  delete copy.stringData;
  if (Object.keys(data).length > 0 || copy.data !== undefined) copy.data = data;
  return copy;
}

function dataOf(secret: KubeObject): JsonObject {
  return isPlainObject(secret.data) ? secret.data : {};
}

function maskLastApplied(secret: KubeObject): void {
  const annotations = secret.metadata.annotations;
  if (annotations && Object.hasOwn(annotations, LAST_APPLIED_ANNOTATION)) {
    annotations[LAST_APPLIED_ANNOTATION] = FIRST_MASK;
  }
}

/** Every non-empty form a Secret's values can take in text: raw base64, decoded, encoded. */
function secretValueForms(obj: KubeObject): string[] {
  if (!isSecret(obj)) return [];
  const forms: string[] = [];
  for (const value of Object.values(isPlainObject(obj.data) ? obj.data : {})) {
    if (typeof value !== "string") continue;
    forms.push(value);
    const decoded = decodeBase64(value);
    if (decoded !== undefined) forms.push(decoded);
  }
  for (const value of Object.values(isPlainObject(obj.stringData) ? obj.stringData : {})) {
    if (typeof value !== "string") continue;
    forms.push(value, encodeBase64(value));
  }
  return forms.filter((form) => form.length > 0);
}
