import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/types";
import { cachedDryRun, dryRunKey, rememberDryRun } from "./dry-run-cache";

const desired: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "n" }, data: { x: "1" } };
const live = (rv: string): KubeObject => ({ ...desired, metadata: { ...desired.metadata, uid: "u1", resourceVersion: rv } });

describe("the dry-run cache", () => {
  it("answers a remembered result for the same desired object and live resource version", () => {
    const key = dryRunKey("local", desired, live("7"));
    rememberDryRun(key, live("7"));
    expect(cachedDryRun(dryRunKey("local", structuredClone(desired), live("7")))).toEqual(live("7"));
  });

  it("misses once the live object changed or Git's content changed", () => {
    rememberDryRun(dryRunKey("local", desired, live("8")), live("8"));
    expect(cachedDryRun(dryRunKey("local", desired, live("9")))).toBeUndefined();
    expect(cachedDryRun(dryRunKey("local", { ...desired, data: { x: "2" } }, live("8")))).toBeUndefined();
    expect(cachedDryRun(dryRunKey("other", desired, live("8")))).toBeUndefined();
  });

  it("never caches the dry run of an object that does not exist yet", () => {
    expect(dryRunKey("local", desired, undefined)).toBeUndefined();
  });
});
