import type { AppRecord } from "@/lib/db/apps";
import { compareResource, summarizeSync, type ResourceDiff } from "@/lib/diff";
import { loadKubeConfig } from "@/lib/kube/config";
import { describeKubeError } from "@/lib/kube/errors";
import { KubeObjectClient } from "@/lib/kube/object-client";
import { loadDesiredState, trackingIdOf, type CommitInfo } from "@/lib/source";
import { TRACKING_ANNOTATION, keyOf, subjectOf, type AppCondition, type KubeObject, type SyncStatus } from "@/lib/types";
import { mapLimit } from "./concurrency";
import { kindsOf, listOwnedObjects, type KindRef } from "./live-state";

/** Git (desired) against the cluster (live) for one app, at one moment. */
export interface AppComparison {
  syncStatus: SyncStatus;
  revision?: CommitInfo;
  resources: ResourceDiff[];
  conditions: AppCondition[];
  /** The rendered objects, as they would be applied. */
  desired: KubeObject[];
  /** The live objects, by subject (for sync results and the resource view). */
  live: Map<string, KubeObject>;
  comparedAt: Date;
}

/** How many dry runs and reads run at once against one API server. */
const API_CONCURRENCY = 8;

function condition(type: AppCondition["type"], message: string): AppCondition {
  return { type, message, observedAt: new Date().toISOString() };
}

/** Fixes each object's namespace from discovery: namespaced kinds get the destination, others none. */
async function placeObjects(client: KubeObjectClient, objects: KubeObject[], app: AppRecord): Promise<string[]> {
  const problems: string[] = [];
  await mapLimit(kindsOf(objects), API_CONCURRENCY, async (k) => {
    const info = await client.describeKind(k.apiVersion, k.kind);
    for (const obj of objects.filter((o) => o.apiVersion === k.apiVersion && o.kind === k.kind)) {
      if (!info) {
        problems.push(`${subjectOf(keyOf(obj))}: the cluster does not serve ${k.kind} in ${k.apiVersion}.`);
        continue;
      }
      const namespace = info.namespaced ? (obj.metadata.namespace ?? app.destNamespace) : undefined;
      if (namespace === obj.metadata.namespace) continue;
      if (namespace) obj.metadata.namespace = namespace;
      else delete obj.metadata.namespace;
      obj.metadata.annotations = { ...obj.metadata.annotations, [TRACKING_ANNOTATION]: trackingIdOf(app.name, keyOf(obj)) };
    }
  });
  return problems;
}

/**
 * Renders the app from Git at its target revision and compares every object with what the
 * API server would make of it (a server-side-apply dry run) and with the live object.
 * Never throws for a render or cluster failure: those become a `ComparisonError` condition.
 */
export async function compareApp(app: AppRecord, options: { previousKinds?: KindRef[] } = {}): Promise<AppComparison> {
  const comparedAt = new Date();
  let desired: KubeObject[];
  let revision: CommitInfo | undefined;
  try {
    const state = await loadDesiredState({
      repoUrl: app.repoUrl,
      revision: app.targetRevision,
      path: app.path,
      appName: app.name,
      destNamespace: app.destNamespace,
    });
    desired = state.objects;
    revision = state.commit;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { syncStatus: "Unknown", resources: [], conditions: [condition("ComparisonError", message)], desired: [], live: new Map(), comparedAt };
  }

  try {
    const client = KubeObjectClient.forConfig(loadKubeConfig(app.destCluster));
    const problems = await placeObjects(client, desired, app);
    const owned = await listOwnedObjects(client, app.name, kindsOf([...desired, ...(options.previousKinds ?? [])]));
    const live = new Map(owned);
    const resources = await mapLimit(desired, API_CONCURRENCY, async (obj) => {
      const subject = subjectOf(keyOf(obj));
      const current = live.get(subject) ?? (await client.getObject(obj).catch(() => undefined));
      if (current) live.set(subject, current);
      let predicted: KubeObject | undefined;
      let dryRunError: string | undefined;
      try {
        predicted = await client.applyObject(obj, { dryRun: true });
      } catch (error) {
        dryRunError = `${subject}: ${describeKubeError(error).message}`;
      }
      return compareResource({ key: keyOf(obj), desired: obj, predicted, live: current, dryRunError });
    });
    const desiredSubjects = new Set(desired.map((o) => subjectOf(keyOf(o))));
    for (const [subject, obj] of owned) {
      if (!desiredSubjects.has(subject)) resources.push(compareResource({ key: keyOf(obj), desired: undefined, predicted: undefined, live: obj }));
    }
    const conditions = problems.map((p) => condition("ComparisonError", p));
    return { syncStatus: summarizeSync(resources), revision, resources, conditions, desired, live, comparedAt };
  } catch (error) {
    const message = `Cannot compare with cluster "${app.destCluster}": ${describeKubeError(error).message}`;
    return { syncStatus: "Unknown", revision, resources: [], conditions: [condition("ComparisonError", message)], desired, live: new Map(), comparedAt };
  }
}
