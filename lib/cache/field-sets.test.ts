import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/types";
import { FieldSets } from "./field-sets";

const configMap = (name: string, fields: object, time: string): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "shop", managedFields: [{ manager: "lockstep", operation: "Apply", time, fieldsType: "FieldsV1", fieldsV1: fields }] },
  data: { name },
});

describe("FieldSets", () => {
  it("keeps one copy of a field set that objects of the same shape share, and leaves everything else as it was", () => {
    const sets = new FieldSets();
    const a = sets.share(configMap("a", { "f:data": { "f:name": {} } }, "2026-11-30T10:00:00Z"));
    const b = sets.share(configMap("b", { "f:data": { "f:name": {} } }, "2026-11-30T11:00:00Z"));
    const entryOf = (obj: KubeObject) => (obj.metadata.managedFields as { fieldsV1: object; time: string }[])[0];
    expect(entryOf(a)?.fieldsV1).toBe(entryOf(b)?.fieldsV1);
    expect(entryOf(b)).toMatchObject({ manager: "lockstep", time: "2026-11-30T11:00:00Z", fieldsV1: { "f:data": { "f:name": {} } } });
    expect(b.data).toEqual({ name: "b" });
    expect(sets.size).toBe(1);
  });

  it("keeps different field sets apart and freezes the shared ones", () => {
    const sets = new FieldSets();
    const a = sets.share(configMap("a", { "f:data": { "f:x": {} } }, "t"));
    const b = sets.share(configMap("b", { "f:data": { "f:y": {} } }, "t"));
    const fieldsOf = (obj: KubeObject) => (obj.metadata.managedFields as { fieldsV1: object }[])[0]?.fieldsV1;
    expect(fieldsOf(a)).not.toBe(fieldsOf(b));
    expect(Object.isFrozen((fieldsOf(a) as Record<string, object>)["f:data"])).toBe(true);
    expect(sets.size).toBe(2);
  });

  it("answers an object without managed fields as it is", () => {
    const obj: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "plain" } };
    expect(new FieldSets().share(obj)).toBe(obj);
  });
});
