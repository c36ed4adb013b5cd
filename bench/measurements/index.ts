/**
 * Every measurement, in the order a run takes them: the one-app figures first, the scale
 * fixture last (the fan-out changes every app of it, so it goes at the very end).
 */
import type { Measurement } from "../lib/context";
import { detectLiveChangeMeasurement } from "./detect-live-change";
import { detectWebhookMeasurement } from "./detect-webhook";
import { diffMeasurement } from "./diff";
import { rollbackMeasurement } from "./rollback";
import { scaleListApiMeasurement } from "./scale-list-api";
import { scaleMemoryMeasurement } from "./scale-memory";
import { scalePageMeasurement } from "./scale-page";
import { scaleRefreshMeasurement } from "./scale-refresh";
import { scaleReplicasMeasurement } from "./scale-replicas";
import { scaleSetupMeasurement } from "./scale-setup";
import { syncMeasurement } from "./sync";
import { webhookFanoutMeasurement } from "./webhook-fanout";

/** The measurements in run order. */
export const MEASUREMENTS: readonly Measurement[] = [
  diffMeasurement,
  syncMeasurement,
  detectWebhookMeasurement,
  detectLiveChangeMeasurement,
  rollbackMeasurement,
  scaleSetupMeasurement,
  scaleRefreshMeasurement,
  scaleMemoryMeasurement,
  scaleListApiMeasurement,
  scalePageMeasurement,
  scaleReplicasMeasurement,
  webhookFanoutMeasurement,
];
