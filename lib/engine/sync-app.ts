import type { AppRecord } from "@/lib/db/apps";
import { finishOperation, startOperation, type OperationRecord, type ResourceResult } from "@/lib/db/operations";
import type { ResourceDiff } from "@/lib/diff";
import { loadKubeConfig } from "@/lib/kube/config";
import { describeKubeError } from "@/lib/kube/errors";
import { KubeObjectClient } from "@/lib/kube/object-client";
import { orderForPrune, orderForSync } from "@/lib/sync/order";
import { keyOf, subjectOf, type KubeObject, type OperationKind, type ResourceAction } from "@/lib/types";
import type { AppComparison } from "./compare-app";

/** What the user asked of a sync. */
export interface SyncOptions {
  /** Show what would change without changing anything. @default false */
  dryRun?: boolean;
  /** Delete the app's objects that left Git. @default the app's prune policy */
  prune?: boolean;
  /** Subjects (`Deployment/ns/name`) to sync; all when empty or absent (selective sync). */
  resources?: string[];
  /** Who asked: a user name, or `automated`. */
  initiator: string;
  /** @default "sync" */
  kind?: OperationKind;
}

function result(obj: KubeObject, action: ResourceAction, message?: string): ResourceResult {
  const key = keyOf(obj);
  return { subject: subjectOf(key), ...key, action, ...(message ? { message } : {}) };
}

function namespaceObject(name: string): KubeObject {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name } };
}

/**
 * Runs one sync of an app from a fresh comparison: applies (server-side, field manager
 * `lockstep`) the objects that drifted or are missing, in a safe order, and prunes when asked.
 * The history row is written as `Running` first and completed at the end, whatever happens.
 */
export async function syncFromComparison(app: AppRecord, comparison: AppComparison, options: SyncOptions): Promise<OperationRecord> {
  const prune = options.prune ?? app.prune;
  const dryRun = options.dryRun ?? false;
  const operation = await startOperation(
    {
      appId: app.id,
      kind: options.kind ?? "sync",
      initiator: options.initiator,
      dryRun,
      prune,
      revision: comparison.revision?.sha,
      revisionSubject: comparison.revision?.subject,
      revisionAuthor: comparison.revision?.author,
    },
    app.name,
  );
  const results: ResourceResult[] = [];
  try {
    const comparisonError = comparison.conditions.find((c) => c.type === "ComparisonError");
    if (comparisonError && comparison.desired.length === 0) {
      return await finishOperation(operation.id, { phase: "Error", message: comparisonError.message, results });
    }
    const client = KubeObjectClient.forConfig(loadKubeConfig(app.destCluster));
    const selected = new Set(options.resources ?? []);
    const isSelected = (subject: string) => selected.size === 0 || selected.has(subject);
    const bySubject = new Map<string, ResourceDiff>(comparison.resources.map((r) => [r.subject, r]));

    if (app.createNamespace && !dryRun) {
      await client.applyObject(namespaceObject(app.destNamespace));
    }
    const isNamespaced = (o: KubeObject) => o.metadata.namespace !== undefined;
    for (const obj of orderForSync(comparison.desired, { isNamespaced })) {
      const subject = subjectOf(keyOf(obj));
      if (!isSelected(subject)) continue;
      const diff = bySubject.get(subject);
      if (diff?.status === "Synced") {
        results.push(result(obj, "unchanged"));
        continue;
      }
      try {
        await client.applyObject(obj, { dryRun });
        results.push(result(obj, comparison.live.has(subject) ? "configured" : "created", dryRun ? "dry run" : undefined));
      } catch (error) {
        results.push(result(obj, "failed", `${subject}: ${describeKubeError(error).message}`));
      }
    }
    const prunable = comparison.resources.filter((r) => r.state === "prunable" && isSelected(r.subject));
    const prunableObjects = prunable.map((r) => comparison.live.get(r.subject)).filter((o): o is KubeObject => o !== undefined);
    for (const obj of orderForPrune(prunableObjects, { isNamespaced })) {
      const subject = subjectOf(keyOf(obj));
      if (!prune) {
        results.push(result(obj, "skipped", "requires pruning; prune is off"));
        continue;
      }
      try {
        if (!dryRun) await client.deleteObject(obj);
        results.push(result(obj, "pruned", dryRun ? "dry run" : undefined));
      } catch (error) {
        results.push(result(obj, "failed", `${subject}: ${describeKubeError(error).message}`));
      }
    }
    const failed = results.filter((r) => r.action === "failed").length;
    return await finishOperation(operation.id, {
      phase: failed > 0 ? "Failed" : "Succeeded",
      message: failed > 0 ? `${failed} resource(s) failed to sync.` : dryRun ? "Dry run: nothing was changed." : "Successfully synced.",
      results,
      manifests: dryRun ? undefined : comparison.desired,
    });
  } catch (error) {
    return finishOperation(operation.id, { phase: "Error", message: describeKubeError(error).message, results });
  }
}
