/**
 * `/metrics` on the production server: scraped after a real sync (Git over HTTP, the local
 * cluster), its series read with their labels; and who may read it — the metrics token when
 * one is set (an API token or a wrong token is refused), a loopback caller when none is.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createAppOnRepo, type AppOnRepo } from "../helpers/app-fixture";
import { parseExposition, samplesOf, valueOf, type Exposition } from "../helpers/exposition";
import { createGitFixture, type GitFixture } from "../helpers/git";
import { api, type OperationBody } from "../helpers/lockstep-api";
import { deliveryHeaders } from "../helpers/webhooks";
import { startWebServer, type WebServer } from "../helpers/web-server";

const METRICS_TOKEN = `metrics-${randomBytes(16).toString("hex")}`;
const WEBHOOK_SECRET = `webhook-${randomBytes(8).toString("hex")}`;

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: greeting
data:
  greeting: hello
`;

function scrape(web: WebServer, authorization?: string): Promise<Response> {
  return fetch(`${web.url}/metrics`, authorization ? { headers: { authorization } } : {});
}

describe("/metrics with a metrics token", () => {
  let web: WebServer;
  let git: GitFixture;
  let app: AppOnRepo;
  let repoUrl: string;
  let exposition: Exposition;

  beforeAll(async () => {
    git = await createGitFixture();
    web = await startWebServer({ kubeconfig: inject("kubeconfig"), env: { LOCKSTEP_METRICS_TOKEN: METRICS_TOKEN, LOCKSTEP_WEBHOOK_SECRET: WEBHOOK_SECRET } });
    app = await createAppOnRepo(web, git, { "configmap.yaml": CONFIGMAP });
    repoUrl = (await api<{ repoUrl: string }>(web.url, "GET", `/api/apps/${app.name}`)).body.repoUrl;
    const synced = await api<OperationBody>(web.url, "POST", `/api/apps/${app.name}/sync?wait=true`, {});
    expect(synced.status, synced.text).toBe(200);
    expect(synced.body.phase).toBe("Succeeded");
    const ping = JSON.stringify({ zen: "Design for failure.", hook_id: 7 });
    const delivered = await fetch(`${web.url}/api/webhooks/git`, { method: "POST", headers: { ...deliveryHeaders("github", ping, WEBHOOK_SECRET), "x-github-event": "ping" }, body: ping });
    expect(delivered.status).toBe(200);

    const response = await scrape(web, `Bearer ${METRICS_TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    exposition = parseExposition(await response.text());
  });

  afterAll(async () => {
    await web?.stop();
    await git?.cleanup();
  });

  it("shows the synced app in lockstep_app_info with its project, destination, repository and statuses", () => {
    expect(exposition.types.get("lockstep_app_info")).toBe("gauge");
    expect(samplesOf(exposition, "lockstep_app_info", { app: app.name })).toEqual([
      {
        name: "lockstep_app_info",
        labels: { app: app.name, project: "default", cluster: "local", namespace: app.namespace, sync_status: "Synced", health_status: "Healthy", repo: repoUrl },
        value: 1,
      },
    ]);
  });

  it("counts and times the sync by kind and phase", () => {
    expect(valueOf(exposition, "lockstep_operations_total", { kind: "sync", phase: "Succeeded" })).toBe(1);
    expect(valueOf(exposition, "lockstep_operations_total", { kind: "sync", phase: "Failed" })).toBe(0);
    expect(valueOf(exposition, "lockstep_operation_duration_seconds_count", { kind: "sync", phase: "Succeeded" })).toBe(1);
    expect(valueOf(exposition, "lockstep_operation_duration_seconds_bucket", { kind: "sync", phase: "Succeeded", le: "+Inf" })).toBe(1);
  });

  it("counts and times the comparisons, the Git requests and the render", () => {
    expect(valueOf(exposition, "lockstep_reconciles_total", { trigger: "operation", result: "success" })).toBeGreaterThanOrEqual(1);
    expect(valueOf(exposition, "lockstep_reconcile_duration_seconds_count", { trigger: "operation" })).toBeGreaterThanOrEqual(1);
    expect(valueOf(exposition, "lockstep_git_request_duration_seconds_count", { operation: "ls-remote" })).toBeGreaterThanOrEqual(1);
    expect(valueOf(exposition, "lockstep_git_request_duration_seconds_count", { operation: "fetch" })).toBeGreaterThanOrEqual(1);
    expect(valueOf(exposition, "lockstep_git_request_errors_total", { operation: "fetch" })).toBe(0);
    expect(valueOf(exposition, "lockstep_render_duration_seconds_count", { source_type: "Directory" })).toBeGreaterThanOrEqual(1);
  });

  it("shows the local cluster's watches, its reconnects and the webhook delivery", () => {
    expect(valueOf(exposition, "lockstep_cluster_watches", { cluster: "local" })).toBeGreaterThanOrEqual(1);
    expect(exposition.types.get("lockstep_cluster_watch_reconnects_total")).toBe("counter");
    expect(valueOf(exposition, "lockstep_cluster_watch_reconnects_total", { cluster: "local" })).toBeGreaterThanOrEqual(0);
    expect(valueOf(exposition, "lockstep_webhook_deliveries_total", { provider: "github", result: "pong" })).toBe(1);
  });

  it("exports the process metrics under prom-client's names", () => {
    expect(exposition.types.get("process_cpu_seconds_total")).toBe("counter");
    expect(samplesOf(exposition, "process_resident_memory_bytes")).toHaveLength(1);
    expect(exposition.types.get("nodejs_eventloop_lag_seconds")).toBe("gauge");
  });

  it("refuses a scrape without the token, with a wrong one, and with an admin's API token", async () => {
    for (const authorization of [undefined, `Bearer ${METRICS_TOKEN}x`, `Bearer ${web.adminToken}`]) {
      const response = await scrape(web, authorization);
      const text = await response.text();
      expect(response.status, `${authorization?.slice(0, 12)}: ${text}`).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer /);
      expect(text).not.toContain("lockstep_");
      expect(text).not.toContain(METRICS_TOKEN);
    }
  });
});

describe("/metrics without a metrics token", () => {
  let web: WebServer;

  beforeAll(async () => {
    web = await startWebServer({ kubeconfig: inject("kubeconfig"), signIn: false });
  });

  afterAll(async () => {
    await web?.stop();
  });

  it("answers a caller on loopback, the only callers there are then", async () => {
    const response = await scrape(web);
    expect(response.status).toBe(200);
    expect(samplesOf(parseExposition(await response.text()), "lockstep_operations_total", { kind: "sync" }).length).toBeGreaterThan(0);
  });

  it("gives nothing but GET a way in", async () => {
    const response = await fetch(`${web.url}/metrics`, { method: "POST", body: "{}" });
    expect(response.status).toBe(405);
  });
});
