/**
 * `POST /api/refresh`, the Applications page's "Refresh all", called directly: without names it
 * refreshes every app the caller may refresh, and only those of `project` when the body names
 * one. The apps' repository is unreachable, so nothing is compared; what is asserted is which
 * apps were tried.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { appSpecSchema } from "@/lib/apps/spec";
import { projectSpecSchema } from "@/lib/projects/schema";

const dataDir = mkdtempSync(path.join(tmpdir(), "lockstep-refresh-all-"));
process.env.LOCKSTEP_DATA_DIR = dataDir;
process.env.DATABASE_URL = `file:${path.join(dataDir, "handlers.db")}`;

type Answer = { apps?: { name: string; error?: string }[]; error?: string; fields?: { message: string }[] };

describe("POST /api/refresh", () => {
  let adminToken: string;

  beforeAll(async () => {
    const { ensureEngine } = await import("@/lib/engine/instance");
    const admin: Principal = { kind: "user", name: "refresh-admin", role: "admin", grants: ["*"], mustChangePassword: false };
    const engine = ensureEngine();
    adminToken = (await engine.auth.issueToken({ name: "refresh-admin", role: "admin", apps: null, projects: null, expiresInDays: 1 }, admin)).value;
    for (const team of ["team-a", "team-b"]) {
      await engine.projects.create(projectSpecSchema.parse({ name: team, sourceRepos: ["*"], appNamespace: true }), admin);
      await engine.apps.create(appSpecSchema.parse({ name: `${team}-app`, project: team, repoUrl: "http://127.0.0.1:9/none.git", destNamespace: team }), admin);
    }
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function refresh(token: string, body: unknown): Promise<{ status: number; body: Answer }> {
    const { POST } = await import("@/app/api/refresh/route");
    const request = new Request("http://localhost/api/refresh", { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const response = await POST(request, { params: Promise.resolve({}) });
    return { status: response.status, body: (await response.json()) as Answer };
  }

  const names = (answer: Answer) => (answer.apps ?? []).map((app) => app.name).sort();

  it("refreshes every app when no names and no project are given", async () => {
    const answer = await refresh(adminToken, {});
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(names(answer.body)).toEqual(["team-a-app", "team-b-app"]);
  });

  it("refreshes only the apps of the project the body names", async () => {
    const answer = await refresh(adminToken, { project: "team-b" });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(names(answer.body)).toEqual(["team-b-app"]);
  });

  it("refreshes nothing for a project without apps", async () => {
    const answer = await refresh(adminToken, { project: "no-such-project" });
    expect(answer.status).toBe(200);
    expect(answer.body.apps).toEqual([]);
  });

  it("refuses names and a project together with one sentence", async () => {
    const answer = await refresh(adminToken, { apps: ["team-a-app"], project: "team-a" });
    expect(answer.status).toBe(422);
    expect(JSON.stringify(answer.body)).toContain("Give either apps or project, not both.");
  });
});
