/**
 * The plan of a set: what applying its generated apps would change among the apps it owns —
 * create, update (with the fields that change), delete, unchanged — and what its policy holds
 * back. The plan is the preview; the engine applies the same plan.
 */
import type { AppSpec, AppUpdate } from "@/lib/apps/spec";
import type { GeneratedApp } from "./render";
import { allowsDelete, allowsUpdate, type AppSetPolicy } from "./schema";

/** An app as the plan compares it: its spec, and the set owning it (null when hand-made). */
export type ExistingApp = AppSpec & { appSet: string | null };

/** One field an update changes. */
export interface FieldChange {
  field: keyof AppSpec;
  from: unknown;
  to: unknown;
}

/** What the set would do to one app. */
export type PlannedChange =
  | { action: "create"; name: string; spec: AppSpec }
  | { action: "update"; name: string; update: AppUpdate; changes: FieldChange[]; allowed: boolean }
  | { action: "delete"; name: string; allowed: boolean }
  | { action: "unchanged"; name: string }
  /** A generated name taken by an app the set does not own: left alone. */
  | { action: "conflict"; name: string; message: string };

/** The fields the set controls; the rest of an app (rollback state, status) is the app's own. */
const COMPARED: readonly (keyof AppSpec)[] = [
  "repoUrl",
  "targetRevision",
  "path",
  "destCluster",
  "destNamespace",
  "automated",
  "prune",
  "selfHeal",
  "createNamespace",
  "historyLimit",
  "refreshSeconds",
  "project",
  "ignoreDifferences",
  "source",
];

/** A field's value with absence and null alike, for comparing. */
const canonical = (value: unknown) => JSON.stringify(value ?? null);

/** The fields of `existing` that `wanted` changes. */
export function changedFields(existing: AppSpec, wanted: AppSpec): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of COMPARED) {
    const from = field === "ignoreDifferences" && existing[field]?.length === 0 ? undefined : existing[field];
    const to = field === "ignoreDifferences" && wanted[field]?.length === 0 ? undefined : wanted[field];
    if (canonical(from) !== canonical(to)) changes.push({ field, from: from ?? null, to: to ?? null });
  }
  return changes;
}

/**
 * Plans set `setName`'s generated apps against the existing apps: the set's own, and any app
 * holding a generated name (it may be another owner's). Sorted by name.
 */
export function planChanges(setName: string, policy: AppSetPolicy, generated: readonly GeneratedApp[], existing: readonly ExistingApp[]): PlannedChange[] {
  const byName = new Map(existing.map((app) => [app.name, app]));
  const wanted = new Set(generated.map((g) => g.spec.name));
  const plan: PlannedChange[] = [];
  for (const { spec } of generated) {
    const current = byName.get(spec.name);
    if (!current) {
      plan.push({ action: "create", name: spec.name, spec });
    } else if (current.appSet !== setName) {
      const owner = current.appSet ? `app set ${current.appSet}` : "hand";
      plan.push({ action: "conflict", name: spec.name, message: `App ${spec.name} already exists (made by ${owner}); app set ${setName} leaves it alone.` });
    } else {
      const changes = changedFields(current, spec);
      if (changes.length === 0) plan.push({ action: "unchanged", name: spec.name });
      else {
        const update = Object.fromEntries(changes.map((c) => [c.field, c.field === "ignoreDifferences" ? (spec.ignoreDifferences ?? []) : (spec[c.field] ?? null)])) as AppUpdate;
        plan.push({ action: "update", name: spec.name, update, changes, allowed: allowsUpdate(policy) });
      }
    }
  }
  for (const app of existing) {
    if (app.appSet === setName && !wanted.has(app.name)) plan.push({ action: "delete", name: app.name, allowed: allowsDelete(policy) });
  }
  return plan.sort((a, b) => a.name.localeCompare(b.name));
}
