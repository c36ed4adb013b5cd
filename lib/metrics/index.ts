/**
 * lib/metrics — Prometheus metrics of one engine through prom-client: a `Registry` per engine
 * (never the global default), the verbs the recording parts call, the figures read on scrape
 * (apps' statuses, cluster watches), the pure label mapping, and who may read `/metrics`
 * (the metrics token, or loopback). docs/metrics.md lists every metric.
 */
export { decideMetricsAccess, isLoopbackAddress, METRICS_TOKEN_VARIABLE, metricsTokenOf, type MetricsAccess, type MetricsAccessRequest } from "./access";
export {
  appInfoLabels,
  operationPhaseLabel,
  reconcileResultOf,
  repoLabelOf,
  webhookResultOf,
  type AppInfoLabels,
  type GitOperation,
  type NotificationResult,
  type OperationPhaseLabel,
  type OperationStop,
  type ReconcileResult,
  type WebhookResult,
} from "./labels";
export { BUCKETS, createMetrics, secondsSince, type Metrics, type MetricsOptions, type MetricsScrape, type ReconcileTrigger } from "./metrics";
export { clusterWatchStats, type ClusterWatchStats, type WatchedCluster } from "./watches";
