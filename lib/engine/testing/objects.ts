/**
 * Plain objects for the engine's unit tests: Kubernetes objects and comparisons built by hand,
 * no cluster involved.
 */
import type { ResourceDiff } from "@/lib/diff";
import { keyOf, subjectOf, type KubeObject } from "@/lib/types";
import type { AppComparison, LiveResourceDiff } from "../compare-app";

/** A ConfigMap in a namespace. */
export function configMap(name: string, namespace = "demo", extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace }, data: { name }, ...extra };
}

/** A Deployment in a namespace, optionally in a sync wave. */
export function deployment(name: string, namespace = "demo", wave?: number): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace, ...(wave === undefined ? {} : { annotations: { "lockstep.dev/sync-wave": String(wave) } }) },
    spec: { replicas: 1 },
  };
}

/** One resource's comparison result. */
export function resource(obj: KubeObject, state: ResourceDiff["state"]): LiveResourceDiff {
  const key = keyOf(obj);
  return {
    key,
    subject: subjectOf(key),
    status: state === "synced" ? "Synced" : "OutOfSync",
    state,
    changedFields: [],
    requiresPruning: state === "prunable",
  };
}

/** A comparison of desired objects (each with its state) and live-only objects to prune. */
export function comparisonOf(desired: [KubeObject, "synced" | "modified" | "missing"][], prunable: KubeObject[] = []): AppComparison {
  const live = new Map<string, KubeObject>();
  for (const [obj, state] of desired) if (state !== "missing") live.set(subjectOf(keyOf(obj)), obj);
  for (const obj of prunable) live.set(subjectOf(keyOf(obj)), obj);
  return {
    syncStatus: desired.every(([, s]) => s === "synced") && prunable.length === 0 ? "Synced" : "OutOfSync",
    healthStatus: "Healthy",
    revision: { sha: "a".repeat(40), subject: "test", author: "tester", date: "2026-11-30T00:00:00Z" },
    resources: [...desired.map(([obj, state]) => resource(obj, state)), ...prunable.map((obj) => resource(obj, "prunable"))],
    conditions: [],
    desired: desired.map(([obj]) => obj),
    live,
    comparedAt: new Date("2026-11-30T00:00:00Z"),
  };
}
