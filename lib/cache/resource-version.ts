/**
 * Resource versions are opaque strings to clients, but every API server backed by etcd hands
 * out the etcd revision, a decimal number that only grows. Lockstep compares them only to
 * keep a fresher object (read after a sync) from being overwritten by an older watch event;
 * when either side is not a number, the incoming object wins, as an informer would do.
 */

const DECIMAL = /^\d+$/;

/** True when `incoming` should replace `current`: newer, equal, or not comparable. */
export function isAtLeastAsNew(incoming: string | undefined, current: string | undefined): boolean {
  if (!incoming || !current || !DECIMAL.test(incoming) || !DECIMAL.test(current)) return true;
  return BigInt(incoming) >= BigInt(current);
}

/** The resource version of an object, or undefined. */
export function resourceVersionOf(obj: { metadata: { [key: string]: unknown } }): string | undefined {
  const value = obj.metadata.resourceVersion;
  return typeof value === "string" && value !== "" ? value : undefined;
}
