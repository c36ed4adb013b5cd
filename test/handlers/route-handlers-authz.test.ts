/**
 * Defence in depth: every API route handler, called directly — no proxy, no server — refuses a
 * caller the route's declaration does not admit. Without credentials each answers 401 (the
 * webhook and the image route with their own 401); with a viewer's API token, every deployer
 * and admin route answers 403; a token limited to one project is refused on every route about
 * an app of another project. Needs no cluster: a SQLite database in a temporary directory
 * holds the tokens, projects and apps.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeclaredRouteHandler } from "@/app/api/_shared/route";
import type { Principal } from "@/lib/auth/principal";
import { HTTP_METHODS } from "@/lib/auth/policy";
import { appSpecSchema } from "@/lib/apps/spec";
import { projectSpecSchema } from "@/lib/projects/schema";

const dataDir = mkdtempSync(path.join(tmpdir(), "lockstep-handlers-"));
process.env.LOCKSTEP_DATA_DIR = dataDir;
process.env.DATABASE_URL = `file:${path.join(dataDir, "handlers.db")}`;
process.env.LOCKSTEP_WEBHOOK_SECRET = "handlers-test-secret";

const API_DIR = path.join(process.cwd(), "app", "api");

interface LoadedHandler {
  key: string;
  pattern: string;
  method: string;
  handler: DeclaredRouteHandler;
}

async function loadHandlers(): Promise<LoadedHandler[]> {
  const loaded: LoadedHandler[] = [];
  for (const entry of readdirSync(API_DIR, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name !== "route.ts") continue;
    const relative = path.relative(API_DIR, entry.parentPath);
    if (relative.split(path.sep).some((segment) => segment.startsWith("_"))) continue;
    const pattern = ["/api", ...relative.split(path.sep).filter(Boolean)].join("/");
    const routeModule = (await import(path.join(entry.parentPath, entry.name))) as Record<string, unknown>;
    for (const method of HTTP_METHODS) {
      if (typeof routeModule[method] === "function") loaded.push({ key: `${method} ${pattern}`, pattern, method, handler: routeModule[method] as DeclaredRouteHandler });
    }
  }
  return loaded.sort((a, b) => a.key.localeCompare(b.key));
}

/** Calls a handler as Next.js would, with every `[param]` filled in (`[name]` with `name` when given). */
function call(route: LoadedHandler, headers: Record<string, string> = {}, name?: string): Promise<Response> {
  const params = Object.fromEntries([...route.pattern.matchAll(/\[(\w+)\]/g)].map((m) => [m[1]!, m[1] === "name" && name ? name : `handlers-${m[1]}`]));
  const url = `http://localhost${route.pattern.replace(/\[(\w+)\]/g, (_m, name: string) => params[name]!)}`;
  const isRead = route.method === "GET" || route.method === "HEAD";
  const request = new Request(url, { method: route.method, headers: { "content-type": "application/json", ...headers }, ...(isRead ? {} : { body: "{}" }) });
  return route.handler(request, { params: Promise.resolve(params) });
}

/** Anonymous routes that prove their callers themselves, and the headers that make them try. */
const SELF_AUTHENTICATING: Record<string, Record<string, string>> = {
  "POST /api/webhooks/git": { "x-github-event": "push" },
  "POST /api/images": {},
};

describe("the API route handlers, called without the proxy", () => {
  let routes: LoadedHandler[];
  let viewerToken: string;
  let teamAToken: string;

  beforeAll(async () => {
    routes = await loadHandlers();
    const { ensureEngine } = await import("@/lib/engine/instance");
    const admin: Principal = { kind: "user", name: "handlers-admin", role: "admin", grants: ["*"], mustChangePassword: false };
    const engine = ensureEngine();
    viewerToken = (await engine.auth.issueToken({ name: "handlers-viewer", role: "viewer", apps: null, projects: null, expiresInDays: 1 }, admin)).value;
    teamAToken = (await engine.auth.issueToken({ name: "handlers-team-a", role: "deployer", apps: null, projects: ["team-a"], expiresInDays: 1 }, admin)).value;
    for (const team of ["team-a", "team-b"]) {
      await engine.projects.create(projectSpecSchema.parse({ name: team, sourceRepos: ["*"], appNamespace: true }), admin);
      await engine.apps.create(appSpecSchema.parse({ name: `${team}-app`, project: team, repoUrl: "http://127.0.0.1:9/none.git", destNamespace: team }), admin);
    }
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("finds a declared handler for every route file's method, declared for that very method and folder", () => {
    expect(routes.length).toBeGreaterThan(30);
    for (const route of routes) {
      expect(route.handler.declaration, route.key).toBeDefined();
      expect(`${route.handler.declaration.method} ${route.handler.declaration.path}`).toBe(route.key);
    }
  });

  it("answers 401 to a caller without credentials on every route that needs one, and on the self-authenticating ones", async () => {
    const problems: string[] = [];
    for (const route of routes) {
      const selfHeaders = SELF_AUTHENTICATING[route.key];
      if (route.handler.declaration.permission === "anonymous" && !selfHeaders) continue;
      const response = await call(route, selfHeaders);
      if (response.status !== 401) problems.push(`${route.key}: ${response.status} ${await response.text()}`);
    }
    expect(problems).toEqual([]);
  });

  it("lets the open routes answer anonymous callers themselves (never with 401 or 403)", async () => {
    const open = routes.filter((r) => r.handler.declaration.permission === "anonymous" && !SELF_AUTHENTICATING[r.key]);
    expect(open.map((r) => r.key)).toEqual(["GET /api/auth/oidc/callback", "GET /api/auth/oidc/login", "GET /api/healthz", "GET /api/openapi.json", "POST /api/auth/login", "POST /api/auth/logout"]);
    for (const route of open) expect([401, 403], route.key).not.toContain((await call(route)).status);
  });

  it("knows the viewer's token, so the refusals below are about rights", async () => {
    const me = routes.find((r) => r.key === "GET /api/auth/me")!;
    const response = await call(me, { authorization: `Bearer ${viewerToken}` });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ name: "token:handlers-viewer", role: "viewer" });
  });

  it("answers 403 to a viewer on every deployer and admin route", async () => {
    const guarded = routes.filter((r) => ["deployer", "admin"].includes(r.handler.declaration.permission));
    expect(guarded.length).toBeGreaterThan(15);
    const problems: string[] = [];
    for (const route of guarded) {
      const response = await call(route, { authorization: `Bearer ${viewerToken}` });
      if (response.status !== 403) problems.push(`${route.key}: ${response.status} ${await response.text()}`);
    }
    expect(problems).toEqual([]);
  });

  it("answers 403 to a token limited to one project on every route about an app of another project", async () => {
    const appRoutes = routes.filter((r) => r.pattern.startsWith("/api/apps/[name]"));
    expect(appRoutes.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const route of appRoutes) {
      const response = await call(route, { authorization: `Bearer ${teamAToken}` }, "team-b-app");
      if (response.status !== 403) problems.push(`${route.key}: ${response.status} ${await response.text()}`);
    }
    expect(problems).toEqual([]);
  });

  it("lets that token read an app of its own project, and lists only its project's apps", async () => {
    const getApp = routes.find((r) => r.key === "GET /api/apps/[name]")!;
    expect((await call(getApp, { authorization: `Bearer ${teamAToken}` }, "team-a-app")).status).toBe(200);
    const list = routes.find((r) => r.key === "GET /api/apps")!;
    const listed = (await (await call(list, { authorization: `Bearer ${teamAToken}` })).json()) as { rows: { name: string }[] };
    expect(listed.rows.map((row) => row.name)).toEqual(["team-a-app"]);
  });
});
