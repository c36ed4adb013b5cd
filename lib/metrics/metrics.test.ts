import { register as defaultRegistry } from "prom-client";
import { describe, expect, it } from "vitest";
import { parseExposition, samplesOf, valueOf } from "@/test/helpers/exposition";
import { appInfoLabels, type AppInfoLabels } from "./labels";
import { createMetrics } from "./metrics";

const web: AppInfoLabels = appInfoLabels({
  name: "web",
  project: "default",
  destCluster: "local",
  destNamespace: "web",
  repoUrl: "https://git.example/config.git",
  status: { syncStatus: "Synced", healthStatus: "Healthy" },
});

async function scrape(metrics: ReturnType<typeof createMetrics>) {
  const { body, contentType } = await metrics.scrape();
  expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(body);
}

describe("createMetrics", () => {
  it("keeps its figures on a registry of its own, not prom-client's default one nor another engine's", async () => {
    const first = createMetrics();
    const second = createMetrics();
    first.operationFinished({ kind: "sync", phase: "Succeeded", seconds: 2 });
    expect(valueOf(await scrape(first), "lockstep_operations_total", { kind: "sync", phase: "Succeeded" })).toBe(1);
    expect(valueOf(await scrape(second), "lockstep_operations_total", { kind: "sync", phase: "Succeeded" })).toBe(0);
    expect(defaultRegistry.getSingleMetric("lockstep_operations_total")).toBeUndefined();
  });

  it("counts and times operations by kind and phase, every known pair starting at zero", async () => {
    const metrics = createMetrics();
    metrics.operationFinished({ kind: "rollback", phase: "Failed", seconds: 3 });
    metrics.operationFinished({ kind: "rollback", phase: "Failed", seconds: 40 });
    const exposition = await scrape(metrics);
    expect(exposition.types.get("lockstep_operations_total")).toBe("counter");
    expect(exposition.types.get("lockstep_operation_duration_seconds")).toBe("histogram");
    expect(valueOf(exposition, "lockstep_operations_total", { kind: "rollback", phase: "Failed" })).toBe(2);
    expect(samplesOf(exposition, "lockstep_operations_total")).toHaveLength(4 * 5);
    expect(valueOf(exposition, "lockstep_operation_duration_seconds_sum", { kind: "rollback", phase: "Failed" })).toBe(43);
    expect(valueOf(exposition, "lockstep_operation_duration_seconds_bucket", { kind: "rollback", phase: "Failed", le: "5" })).toBe(1);
    expect(valueOf(exposition, "lockstep_operation_duration_seconds_bucket", { kind: "rollback", phase: "Failed", le: "60" })).toBe(2);
  });

  it("reads lockstep_app_info from the apps on every scrape, so a changed status leaves no stale series", async () => {
    const metrics = createMetrics();
    let apps: AppInfoLabels[] = [web];
    metrics.collectApps(async () => apps);
    expect(samplesOf(await scrape(metrics), "lockstep_app_info")).toEqual([{ name: "lockstep_app_info", labels: web, value: 1 }]);
    apps = [{ ...web, sync_status: "OutOfSync" }];
    const later = samplesOf(await scrape(metrics), "lockstep_app_info");
    expect(later.map((s) => s.labels.sync_status)).toEqual(["OutOfSync"]);
    apps = [];
    expect(samplesOf(await scrape(metrics), "lockstep_app_info")).toEqual([]);
  });

  it("reads the cluster watches on every scrape, reconnects as a counter", async () => {
    const metrics = createMetrics();
    metrics.collectWatches(() => [{ cluster: "local", watches: 5, reconnects: 2 }]);
    const exposition = await scrape(metrics);
    expect(valueOf(exposition, "lockstep_cluster_watches", { cluster: "local" })).toBe(5);
    expect(exposition.types.get("lockstep_cluster_watch_reconnects_total")).toBe("counter");
    expect(valueOf(exposition, "lockstep_cluster_watch_reconnects_total", { cluster: "local" })).toBe(2);
  });

  it("times Git requests by operation and counts the failed ones", async () => {
    const metrics = createMetrics();
    metrics.gitRequest({ operation: "ls-remote", seconds: 0.2, ok: true });
    metrics.gitRequest({ operation: "fetch", seconds: 1.5, ok: false });
    const exposition = await scrape(metrics);
    expect(valueOf(exposition, "lockstep_git_request_duration_seconds_count", { operation: "ls-remote" })).toBe(1);
    expect(valueOf(exposition, "lockstep_git_request_errors_total", { operation: "ls-remote" })).toBe(0);
    expect(valueOf(exposition, "lockstep_git_request_errors_total", { operation: "fetch" })).toBe(1);
  });

  it("labels renders, reconciles, webhook and notification deliveries with their small fixed sets", async () => {
    const metrics = createMetrics();
    metrics.rendered({ sourceType: "Kustomize", seconds: 0.3 });
    metrics.reconciled({ trigger: "refresh", result: "unreachable", seconds: 0.05 });
    metrics.webhookDelivered("github", "refreshing");
    metrics.notificationDelivered("slack", "failed");
    const exposition = await scrape(metrics);
    expect(valueOf(exposition, "lockstep_render_duration_seconds_count", { source_type: "Kustomize" })).toBe(1);
    expect(valueOf(exposition, "lockstep_reconciles_total", { trigger: "refresh", result: "unreachable" })).toBe(1);
    expect(valueOf(exposition, "lockstep_reconcile_duration_seconds_count", { trigger: "refresh" })).toBe(1);
    expect(valueOf(exposition, "lockstep_webhook_deliveries_total", { provider: "github", result: "refreshing" })).toBe(1);
    expect(valueOf(exposition, "lockstep_notification_deliveries_total", { channel_type: "slack", result: "failed" })).toBe(1);
  });

  it("exports the process metrics only when asked, under prom-client's own names", async () => {
    expect(samplesOf(await scrape(createMetrics()), "process_cpu_seconds_total")).toEqual([]);
    const exposition = await scrape(createMetrics({ processMetrics: true }));
    expect(exposition.types.get("process_cpu_seconds_total")).toBe("counter");
    expect(exposition.types.get("nodejs_eventloop_lag_seconds")).toBe("gauge");
  });
});
