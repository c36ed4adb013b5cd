/**
 * The Insights routes called directly (no proxy, no server, no cluster): the figures of a
 * history written into a SQLite file, limited to the apps a project-scoped token may see, as
 * JSON and as CSV, and a clear 422 for a bad range.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InsightsReport } from "@/lib/insights/report";
import type { Principal } from "@/lib/auth/principal";
import { appSpecSchema } from "@/lib/apps/spec";
import { openDatabase, type Database } from "@/lib/db/database";
import { projectSpecSchema } from "@/lib/projects/schema";

const dataDir = mkdtempSync(path.join(tmpdir(), "lockstep-insights-"));
process.env.LOCKSTEP_DATA_DIR = dataDir;
process.env.DATABASE_URL = `file:${path.join(dataDir, "insights.db")}`;

const MINUTE = 60_000;
const now = Date.now();
const ago = (minutes: number) => new Date(now - minutes * MINUTE);

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

describe("GET /api/insights and /api/insights.csv", () => {
  let json: Handler;
  let csv: Handler;
  let viewerToken: string;
  let teamAToken: string;
  let db: Database;

  const get = (handler: Handler, query: string, token: string) =>
    handler(new Request(`http://localhost/api/insights?${query}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });

  beforeAll(async () => {
    ({ GET: json } = (await import("@/app/api/insights/route")) as unknown as { GET: Handler });
    ({ GET: csv } = (await import("@/app/api/insights.csv/route")) as unknown as { GET: Handler });
    const { ensureEngine } = await import("@/lib/engine/instance");
    const engine = ensureEngine();
    const admin: Principal = { kind: "user", name: "insights-admin", role: "admin", grants: ["*"], mustChangePassword: false };
    viewerToken = (await engine.auth.issueToken({ name: "insights-viewer", role: "viewer", apps: null, projects: null, expiresInDays: 1 }, admin)).value;
    teamAToken = (await engine.auth.issueToken({ name: "insights-team-a", role: "viewer", apps: null, projects: ["team-a"], expiresInDays: 1 }, admin)).value;
    const ids: Record<string, string> = {};
    for (const team of ["team-a", "team-b"]) {
      await engine.projects.create(projectSpecSchema.parse({ name: team, sourceRepos: ["*"], appNamespace: true }), admin);
      ids[team] = (await engine.apps.create(appSpecSchema.parse({ name: `${team}-app`, project: team, repoUrl: "http://127.0.0.1:9/none.git", destNamespace: team }), admin)).id;
    }
    db = await openDatabase({ url: process.env.DATABASE_URL! });
    const write = (appId: string, fields: { kind?: string; phase?: string; revision: string; committed?: number; start: number; minutes?: number; health?: string }) =>
      db.prisma.operation.create({
        data: {
          appId,
          kind: fields.kind ?? "sync",
          phase: fields.phase ?? "Succeeded",
          revision: fields.revision,
          initiator: "insights-test",
          startedAt: ago(fields.start),
          finishedAt: ago(fields.start - (fields.minutes ?? 1)),
          revisionCommittedAt: fields.committed === undefined ? null : ago(fields.committed),
          healthAfter: fields.health ?? "Healthy",
        },
      });
    // team-a-app: a (lead 10 min), b (lead 30 min) rolled back 10 minutes later (2 min to restore).
    await write(ids["team-a"]!, { revision: "a", start: 3000, committed: 3009 });
    await write(ids["team-a"]!, { revision: "b", start: 1000, committed: 1029 });
    await write(ids["team-a"]!, { kind: "rollback", revision: "a", start: 989, minutes: 2 });
    // team-b-app: one deployment, then a failed sync never recovered.
    await write(ids["team-b"]!, { revision: "x", start: 500, committed: 505 });
    await write(ids["team-b"]!, { revision: "y", phase: "Failed", start: 480, health: "Degraded" });
  });

  afterAll(async () => {
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers the figures of every app to a viewer who sees them all", async () => {
    const response = await get(json, "days=7", viewerToken);
    expect(response.status).toBe(200);
    const report = (await response.json()) as InsightsReport;
    expect(report.summary).toMatchObject({ deployments: 3, rollbacks: 1, failedSyncs: 1, changeFailure: { failed: 2, rate: 2 / 3 }, timeToRestore: { incidents: 2, restored: 1, unrestored: 1, medianSeconds: 120 } });
    expect(report.summary.leadTime).toMatchObject({ measured: 3, medianSeconds: 600 });
    expect(report.apps.map((a) => [a.app, a.deployments])).toEqual([
      ["team-a-app", 2],
      ["team-b-app", 1],
    ]);
  });

  it("answers a token limited to one project only that project's apps, in the figures and the menus", async () => {
    const report = (await (await get(json, "days=30", teamAToken)).json()) as InsightsReport;
    expect(report.apps.map((a) => a.app)).toEqual(["team-a-app"]);
    expect(report.choices).toEqual({ apps: ["team-a-app"], projects: ["team-a"] });
    expect(report.summary.deployments).toBe(2);
    const filtered = (await (await get(json, "project=team-b", teamAToken)).json()) as InsightsReport;
    expect(filtered.summary.deployments).toBe(0);
  });

  it("exports the same figures as CSV, one row per scope and figure", async () => {
    const response = await get(csv, "app=team-a-app&window=30", viewerToken);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe("scope,project,app,figure,value,unit,from,to");
    expect(lines.find((l) => l.startsWith("app,team-a,team-a-app,deployments,"))?.split(",")[4]).toBe("2");
    expect(lines.find((l) => l.startsWith("all,,team-a-app,change_failure_rate,"))?.split(",")[4]).toBe("0.5");
    expect(lines.some((l) => l.includes("team-b-app"))).toBe(false);
  });

  it("refuses a range that ends before it starts, and a bad window, in one sentence", async () => {
    const backwards = await get(json, `from=${ago(10).toISOString()}&to=${ago(20).toISOString()}`, viewerToken);
    expect(backwards.status).toBe(422);
    expect(await backwards.text()).toContain("The range must start before it ends");
    const window = await get(csv, "window=0", viewerToken);
    expect(window.status).toBe(422);
    expect(await window.text()).toContain("window must be at least 1 minute.");
  });
});
