/**
 * Pure label mapping: from Lockstep's records and outcomes to the label values its metrics
 * carry. Every value here comes from a small fixed set (or, for `lockstep_app_info` only, names
 * an app): no per-object or per-revision value ever becomes a label.
 */
import { parseRepoUrl } from "@/lib/source/repo-url";
import type { HealthStatus, OperationKind, OperationPhase, SyncStatus } from "@/lib/types";

/** The labels of one `lockstep_app_info` series. */
export interface AppInfoLabels {
  app: string;
  project: string;
  cluster: string;
  namespace: string;
  sync_status: SyncStatus;
  health_status: HealthStatus;
  repo: string;
}

/** What {@link appInfoLabels} reads of an app: its spec and its last stored status. */
export interface AppInfoSource {
  name: string;
  project: string;
  destCluster: string;
  destNamespace: string;
  repoUrl: string;
  status: { syncStatus: SyncStatus; healthStatus: HealthStatus };
}

/**
 * The repository as a label: the URL without any `user:password@` it was typed with, so a
 * token in a repository URL never reaches a scrape. A URL lib/source would refuse is `invalid`.
 */
export function repoLabelOf(repoUrl: string): string {
  try {
    return parseRepoUrl(repoUrl).url;
  } catch {
    return "invalid";
  }
}

/** The labels of an app's `lockstep_app_info` series, from its spec and stored status. */
export function appInfoLabels(app: AppInfoSource): AppInfoLabels {
  return {
    app: app.name,
    project: app.project,
    cluster: app.destCluster,
    namespace: app.destNamespace,
    sync_status: app.status.syncStatus,
    health_status: app.status.healthStatus,
    repo: repoLabelOf(app.repoUrl),
  };
}

/** How an operation ended, as `lockstep_operations_total` tells it: the stored phase, or why it was stopped. */
export const OPERATION_PHASE_LABELS = ["Succeeded", "Failed", "Error", "Terminated", "Interrupted"] as const;
export type OperationPhaseLabel = (typeof OPERATION_PHASE_LABELS)[number];

/** Why a running operation was stopped before its end: a person terminated it, or this process gave it up (shutting down, shard lost). */
export type OperationStop = "terminated" | "interrupted";

/**
 * The phase label of an ended operation: its stored phase, unless it did not succeed because it
 * was stopped — then `Terminated` (asked by someone) or `Interrupted` (the process stopped or
 * lost the app's shard), so a failure rate counts real failures only.
 */
export function operationPhaseLabel(phase: Extract<OperationPhase, "Succeeded" | "Failed" | "Error">, stop?: OperationStop): OperationPhaseLabel {
  if (phase === "Succeeded" || stop === undefined) return phase;
  return stop === "terminated" ? "Terminated" : "Interrupted";
}

/** The labels of one ended operation. */
export interface OperationLabels {
  kind: OperationKind;
  phase: OperationPhaseLabel;
}

/** How a reconcile (one comparison of an app with Git and the cluster) ended. */
export const RECONCILE_RESULTS = ["success", "error", "unreachable"] as const;
export type ReconcileResult = (typeof RECONCILE_RESULTS)[number];

/**
 * A comparison's result from its conditions: `unreachable` when Git could not be read,
 * `error` when the comparison itself failed, `success` otherwise (whether in sync or not).
 */
export function reconcileResultOf(comparison: { conditions: readonly { type: string }[] }): ReconcileResult {
  if (comparison.conditions.some((c) => c.type === "RepoUnreachable")) return "unreachable";
  if (comparison.conditions.some((c) => c.type === "ComparisonError")) return "error";
  return "success";
}

/** What an incoming Git webhook delivery came to. */
export type WebhookResult = "refreshing" | "ignored" | "pong" | "unauthorized" | "invalid";

/** The result label of a webhook answer: its `result`, or for a refusal `unauthorized` (401) or `invalid` (anything else). */
export function webhookResultOf(answer: { status: number; body: { result?: "refreshing" | "ignored" | "pong" } }): WebhookResult {
  if (answer.body.result) return answer.body.result;
  return answer.status === 401 ? "unauthorized" : "invalid";
}

/** What a Git request was: revision resolution or a mirror's fetch. */
export const GIT_OPERATIONS = ["ls-remote", "fetch"] as const;
export type GitOperation = (typeof GIT_OPERATIONS)[number];

/** What an outgoing notification delivery came to. */
export type NotificationResult = "sent" | "failed";
