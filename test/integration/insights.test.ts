/**
 * Delivery metrics end to end: real syncs, a rollback and a failed sync of an app on the test
 * cluster, driven through the production server from a real Git repository, then the figures
 * of GET /api/insights and its CSV, and the Insights page.
 */
import { describe, expect, it } from "vitest";
import { createAppOnRepo } from "../helpers/app-fixture";
import { commitFiles } from "../helpers/git";
import { api, type OperationBody } from "../helpers/lockstep-api";
import { useServerSuite } from "../helpers/server-suite";
import { until } from "../helpers/until";
import type { InsightsReport } from "@/lib/insights/report";

const CONFIGMAP = (name: string, value: string, namespace?: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ""}data:\n  release: "${value}"\n`;

const MINUTE = 60_000;

describe("delivery metrics from real history", () => {
  const suite = useServerSuite();

  it("computes deployment frequency, lead time, change failure rate and time to restore from real history", async () => {
    const { web, git, kube } = suite;
    const start = Date.now();
    // Release 1, committed 20 minutes ago.
    const { name, namespace, repo } = await createAppOnRepo(web, git, { "release.yaml": CONFIGMAP("release", "0") });
    await commitFiles(repo, { files: { "release.yaml": CONFIGMAP("release", "1") }, message: "Release 1", date: new Date(start - 20 * MINUTE) });
    const sync = async () => (await api<OperationBody & { revision: string }>(web.url, "POST", `/api/apps/${name}/sync?wait=true`, {})).body;
    const first = await sync();
    expect(first.phase, first.message ?? "").toBe("Succeeded");
    expect((await sync()).phase).toBe("Succeeded"); // a no-op: not a deployment

    // Release 2, committed 5 minutes ago, then rolled back to release 1.
    await commitFiles(repo, { files: { "release.yaml": CONFIGMAP("release", "2") }, message: "Release 2", date: new Date(start - 5 * MINUTE) });
    expect((await sync()).phase).toBe("Succeeded");
    const rollback = await api<OperationBody>(web.url, "POST", `/api/apps/${name}/rollback?wait=true`, { operationId: first.id });
    expect(rollback.body.phase, rollback.text).toBe("Succeeded");

    // Release 3 writes outside the app's namespace: the project refuses it, the sync fails.
    await commitFiles(repo, { files: { "release.yaml": CONFIGMAP("release", "3", "kube-system") }, message: "Release 3", date: new Date(start - 2 * MINUTE) });
    expect((await sync()).phase).toBe("Failed");

    // Release 4 fixes it.
    await commitFiles(repo, { files: { "release.yaml": CONFIGMAP("release", "4") }, message: "Release 4", date: new Date(start - MINUTE) });
    const fixed = await sync();
    expect(fixed.phase, fixed.message ?? "").toBe("Succeeded");

    const report = await until(
      async () => (await api<InsightsReport>(web.url, "GET", `/api/insights?days=7&app=${name}`)).body,
      (r) => r.summary.timeToRestore.restored === 2,
      "both incidents to be restored (the rollback's health is recorded after it ends)",
    );
    const elapsed = (Date.now() - start) / 1000;
    expect(report.apps.map((a) => a.app)).toEqual([name]);
    expect(report.summary).toMatchObject({ deployments: 3, rollbacks: 1, failedSyncs: 1 });
    expect(report.summary.changeFailure).toMatchObject({ deployments: 3, failed: 1, windowSeconds: 3600 });
    expect(report.summary.changeFailure.rate).toBeCloseTo(1 / 3);
    expect(report.series.failures.map((f) => f.cause)).toEqual(["rollback"]);
    // Lead times: 20 min, 5 min and 1 min after each commit, plus the time the test took.
    expect(report.summary.leadTime.measured).toBe(3);
    expect(report.series.leadTimes.map((s) => s.committedAt)).toEqual([start - 20 * MINUTE, start - 5 * MINUTE, start - MINUTE].map((t) => new Date(Math.floor(t / 1000) * 1000).toISOString()));
    expect(report.summary.leadTime.medianSeconds).toBeGreaterThanOrEqual(5 * 60);
    expect(report.summary.leadTime.medianSeconds).toBeLessThanOrEqual(5 * 60 + elapsed + 1);
    expect(report.summary.leadTime.p90Seconds).toBeGreaterThanOrEqual(20 * 60);
    expect(report.summary.timeToRestore).toMatchObject({ incidents: 2, restored: 2, unrestored: 0 });
    expect(report.summary.timeToRestore.medianSeconds).toBeLessThanOrEqual(elapsed);
    expect(report.series.periods.reduce((sum, p) => sum + p.deployments, 0)).toBe(3);

    // A window of one minute still sees the rollback that followed release 2 at once.
    const narrow = (await api<InsightsReport>(web.url, "GET", `/api/insights?days=7&app=${name}&window=1`)).body;
    expect(narrow.summary.changeFailure.failed).toBe(1);

    const csv = await fetch(`${web.url}/api/insights.csv?days=7&app=${name}`, { headers: { authorization: `Bearer ${web.adminToken}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const rows = (await csv.text()).trim().split("\r\n").map((line) => line.split(","));
    expect(rows[0]).toEqual(["scope", "project", "app", "figure", "value", "unit", "from", "to"]);
    const value = (figure: string) => rows.find((r) => r[0] === "app" && r[2] === name && r[3] === figure)?.[4];
    expect(value("deployments")).toBe("3");
    expect(value("rollbacks")).toBe("1");
    expect(value("failed_syncs")).toBe("1");
    expect(Number(value("change_failure_rate"))).toBeCloseTo(0.3333, 4);
    expect(value("incidents")).toBe("2");

    const page = await fetch(`${web.url}/insights?range=7&app=${name}`, { headers: { authorization: `Bearer ${web.adminToken}` } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Deployment frequency");
    expect(html).toContain('data-testid="bar-chart"');
    expect(html).toContain("33%");

    await kube.deleteObject({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } }).catch(() => undefined);
  });
});
