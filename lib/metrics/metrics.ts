/**
 * `createMetrics`: one engine's Prometheus metrics, on a prom-client `Registry` of its own —
 * never prom-client's global default registry — so two engines in one process (tests) keep
 * separate figures. The parts that record (operations, comparisons, Git, renders, webhooks,
 * notifications) call its small verbs; figures that describe the present (apps, watches) are
 * read from their owners when Prometheus scrapes, so they never keep a stale label set.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { SourceType } from "@/lib/source/source-spec";
import { OPERATION_KINDS, type OperationKind } from "@/lib/types";
import { GIT_OPERATIONS, OPERATION_PHASE_LABELS, RECONCILE_RESULTS, type AppInfoLabels, type GitOperation, type NotificationResult, type OperationPhaseLabel, type ReconcileResult, type WebhookResult } from "./labels";
import type { ClusterWatchStats } from "./watches";

/**
 * Histogram buckets, in seconds, by what is measured: operations wait for health between
 * waves (minutes), comparisons and renders take milliseconds to tens of seconds, Git requests
 * go to the network (tens of milliseconds to the 60 s timeout).
 */
export const BUCKETS = {
  operation: [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
  reconcile: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  git: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  render: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
} as const;

/** Why a comparison ran (lib/engine's `CompareTrigger`). */
export const RECONCILE_TRIGGERS = ["refresh", "cluster", "operation", "read"] as const;
export type ReconcileTrigger = (typeof RECONCILE_TRIGGERS)[number];

/** A scrape: the exposition text and the content type to send it with. */
export interface MetricsScrape {
  contentType: string;
  body: string;
}

/** Options of {@link createMetrics}. */
export interface MetricsOptions {
  /**
   * Also export prom-client's process metrics (`process_*`, `nodejs_*`: CPU, memory, event
   * loop lag, GC, handles). The server's engine does; test engines need not.
   * @default false
   */
  processMetrics?: boolean;
}

/** One engine's metrics: what the recording parts call, and the scrape. */
export interface Metrics {
  /** The registry every metric of this object is registered on (and only those). */
  readonly registry: Registry;
  /** An operation ended (`lockstep_operations_total`, `lockstep_operation_duration_seconds`). */
  operationFinished(operation: { kind: OperationKind; phase: OperationPhaseLabel; seconds: number }): void;
  /** A comparison of an app ran (`lockstep_reconciles_total`, `lockstep_reconcile_duration_seconds`). */
  reconciled(reconcile: { trigger: ReconcileTrigger; result: ReconcileResult; seconds: number }): void;
  /** A Git request ended, well or not (`lockstep_git_request_duration_seconds`, `lockstep_git_request_errors_total`). */
  gitRequest(request: { operation: GitOperation; seconds: number; ok: boolean }): void;
  /** A render of an app's source completed (`lockstep_render_duration_seconds`). */
  rendered(render: { sourceType: SourceType; seconds: number }): void;
  /** An incoming Git webhook was answered (`lockstep_webhook_deliveries_total`); `provider` is `unknown` when none was recognised. */
  webhookDelivered(provider: string, result: WebhookResult): void;
  /**
   * An outgoing notification delivery ended (`lockstep_notification_deliveries_total`): for
   * lib/notifications to call once per attempt, with its channel type (`webhook`, `slack`,
   * `email`…) — a small fixed set, never a channel's name or URL.
   */
  notificationDelivered(channelType: string, result: NotificationResult): void;
  /** Sets where `lockstep_app_info` reads the apps on each scrape (the engine's stored statuses). */
  collectApps(read: () => Promise<readonly AppInfoLabels[]>): void;
  /** Sets where the cluster watch figures are read on each scrape (the watch caches). */
  collectWatches(read: () => readonly ClusterWatchStats[]): void;
  /** The exposition text of every metric, read now. */
  scrape(): Promise<MetricsScrape>;
}

const APP_INFO_LABELS = ["app", "project", "cluster", "namespace", "sync_status", "health_status", "repo"] as const;

/** Builds one engine's metrics on a new registry; see the module comment. */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  let readApps: () => Promise<readonly AppInfoLabels[]> = async () => [];
  let readWatches: () => readonly ClusterWatchStats[] = () => [];

  new Gauge({
    name: "lockstep_app_info",
    help: "One series per application, always 1, labelled with its project, destination, repository and current sync and health status.",
    labelNames: APP_INFO_LABELS,
    registers,
    async collect() {
      const apps = await readApps();
      this.reset();
      for (const labels of apps) this.set(labels, 1);
    },
  });
  const operations = new Counter({ name: "lockstep_operations_total", help: "Operations (sync, auto-sync, self-heal, rollback) that ended, by kind and phase.", labelNames: ["kind", "phase"], registers });
  const operationSeconds = new Histogram({
    name: "lockstep_operation_duration_seconds",
    help: "Time from an operation's start by the worker to its recorded end, by kind and phase.",
    labelNames: ["kind", "phase"],
    buckets: [...BUCKETS.operation],
    registers,
  });
  const reconciles = new Counter({ name: "lockstep_reconciles_total", help: "Comparisons of an application with Git and the cluster, by trigger and result.", labelNames: ["trigger", "result"], registers });
  const reconcileSeconds = new Histogram({
    name: "lockstep_reconcile_duration_seconds",
    help: "Time one comparison of an application took (render or cached render, live state, dry runs, stored status), by trigger.",
    labelNames: ["trigger"],
    buckets: [...BUCKETS.reconcile],
    registers,
  });
  const gitSeconds = new Histogram({ name: "lockstep_git_request_duration_seconds", help: "Time of git ls-remote and fetch requests to repositories, failed ones included.", labelNames: ["operation"], buckets: [...BUCKETS.git], registers });
  const gitErrors = new Counter({ name: "lockstep_git_request_errors_total", help: "Git ls-remote and fetch requests that failed (unreachable, refused credentials, timeout).", labelNames: ["operation"], registers });
  const renderSeconds = new Histogram({ name: "lockstep_render_duration_seconds", help: "Time to render an application's source at a commit, by source type.", labelNames: ["source_type"], buckets: [...BUCKETS.render], registers });
  new Gauge({
    name: "lockstep_cluster_watches",
    help: "Watches (list and watch of one kind) this process keeps open on each destination cluster.",
    labelNames: ["cluster"],
    registers,
    collect() {
      this.reset();
      for (const stats of readWatches()) this.set({ cluster: stats.cluster }, stats.watches);
    },
  });
  new Counter({
    name: "lockstep_cluster_watch_reconnects_total",
    help: "Times a watch on a destination cluster had to list or watch again after a failure or a 410 Gone (resets when the cluster's cache is rebuilt).",
    labelNames: ["cluster"],
    registers,
    collect() {
      this.reset();
      for (const stats of readWatches()) this.inc({ cluster: stats.cluster }, stats.reconnects);
    },
  });
  const webhooks = new Counter({ name: "lockstep_webhook_deliveries_total", help: "Incoming Git webhook deliveries, by provider and result.", labelNames: ["provider", "result"], registers });
  const notifications = new Counter({ name: "lockstep_notification_deliveries_total", help: "Outgoing notification deliveries, by channel type and result.", labelNames: ["channel_type", "result"], registers });
  /* Every known series of the counters alerts divide starts at 0, so rate() sees the first increment. */
  for (const kind of OPERATION_KINDS) for (const phase of OPERATION_PHASE_LABELS) operations.inc({ kind, phase }, 0);
  for (const trigger of RECONCILE_TRIGGERS) for (const result of RECONCILE_RESULTS) reconciles.inc({ trigger, result }, 0);
  for (const operation of GIT_OPERATIONS) gitErrors.inc({ operation }, 0);

  return {
    registry,
    operationFinished({ kind, phase, seconds }) {
      operations.inc({ kind, phase });
      operationSeconds.observe({ kind, phase }, seconds);
    },
    reconciled({ trigger, result, seconds }) {
      reconciles.inc({ trigger, result });
      reconcileSeconds.observe({ trigger }, seconds);
    },
    gitRequest({ operation, seconds, ok }) {
      gitSeconds.observe({ operation }, seconds);
      if (!ok) gitErrors.inc({ operation });
    },
    rendered({ sourceType, seconds }) {
      renderSeconds.observe({ source_type: sourceType }, seconds);
    },
    webhookDelivered(provider, result) {
      webhooks.inc({ provider, result });
    },
    notificationDelivered(channelType, result) {
      notifications.inc({ channel_type: channelType, result });
    },
    collectApps(read) {
      readApps = read;
    },
    collectWatches(read) {
      readWatches = read;
    },
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/** Seconds elapsed since `startMs` on a millisecond clock. */
export function secondsSince(startMs: number, nowMs: number): number {
  return Math.max(0, nowMs - startMs) / 1000;
}
