/**
 * Typed reads of an object's fields by dotted path (`status.readyReplicas`). An absent or
 * `null` field reads as `undefined`; a field of the wrong type throws a `HealthCheckError`,
 * which the dispatcher reports as `Unknown` (gitops-engine fails the same way when it cannot
 * convert an object to its typed form).
 */

/** A field did not have the type its kind's schema gives it. */
export class HealthCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HealthCheckError";
  }
}

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeValue(value: Json): string {
  return Array.isArray(value) ? "a list" : value === null ? "null" : JSON.stringify(value);
}

function readField(obj: Json, path: string): Json {
  let value = obj;
  const steps = path.split(".");
  for (const [index, step] of steps.entries()) {
    if (value === undefined || value === null) return undefined;
    if (!isRecord(value)) {
      const parent = steps.slice(0, index).join(".") || "the object";
      throw new HealthCheckError(`${parent} is ${describeValue(value)}, not an object.`);
    }
    value = value[step];
  }
  return value ?? undefined;
}

function typed<T>(obj: Json, path: string, expected: string, is: (value: Json) => value is T): T | undefined {
  const value = readField(obj, path);
  if (value === undefined || is(value)) return value;
  throw new HealthCheckError(`${path} is ${describeValue(value)}, not ${expected}.`);
}

/** A number field (replica counts, generations). */
export function readNumber(obj: Json, path: string): number | undefined {
  return typed(obj, path, "a number", (value): value is number => typeof value === "number" && Number.isFinite(value));
}

/** A string field (phases, reasons, timestamps). */
export function readString(obj: Json, path: string): string | undefined {
  return typed(obj, path, "a string", (value): value is string => typeof value === "string");
}

/** A boolean field (`spec.paused`, `spec.suspend`). */
export function readBoolean(obj: Json, path: string): boolean | undefined {
  return typed(obj, path, "true or false", (value): value is boolean => typeof value === "boolean");
}

/** A list field; its items are left unread. */
export function readList(obj: Json, path: string): Json[] | undefined {
  return typed(obj, path, "a list", (value): value is Json[] => Array.isArray(value));
}

/** A list of objects (container statuses, conditions); an item that is no object throws. */
export function readObjectList(obj: Json, path: string): Record<string, Json>[] {
  const list = readList(obj, path) ?? [];
  list.forEach((item, index) => {
    if (!isRecord(item)) throw new HealthCheckError(`${path}[${index}] is ${describeValue(item)}, not an object.`);
  });
  return list as Record<string, Json>[];
}

/** True when the field holds an object (`state.waiting`, `lastState.terminated`). */
export function hasObject(obj: Json, path: string): boolean {
  return isRecord(readField(obj, path));
}
