/**
 * The authorization matrix: every API route (found by globbing app/api/**\/route.ts and reading
 * the HTTP methods it exports), every page and every server action (from the build's server
 * reference manifest) is called as anonymous, viewer, deployer and admin, and the answer must be
 * what the access policy says. The expected permission of each API route comes from its
 * declaration (app/api/_routes), the one place it is written; each page's from the pages' table
 * (lib/auth/policy.ts). A route file without a declaration, or a declaration without a route
 * file, fails this test.
 *
 * The project dimension: every route and page about one app or one project is called by a
 * project deployer (a global viewer whom a project's roles make deployer) and by a project viewer
 * (a viewer limited to that project), on an app of their project and on an app of another
 * project, and the answer must be what `authorize` says with the app's project.
 */
import { readFile } from "node:fs/promises";
import { glob } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { authorize, type Requirement } from "@/lib/auth/authorize";
import { ROUTES } from "@/app/api/_routes/index";
import { ACCESS_POLICY } from "@/app/api/_routes/policy";
import { ENDPOINT_RULES, HTTP_METHODS, PAGE_RULES, requirementOf } from "@/lib/auth/policy";
import type { Principal } from "@/lib/auth/principal";
import type { Permission } from "@/lib/auth/roles";
import { createTestUser, type TestUser } from "../helpers/auth";
import { startWebServer, type WebServer } from "../helpers/web-server";

/** The permission each route and method needs: the API routes' declarations and the pages' table. */
const EXPECTED: Record<string, Permission> = Object.fromEntries([
  ...ROUTES.map((route) => [`${route.method} ${route.path}`, route.permission] as const),
  ...[...PAGE_RULES, ...ENDPOINT_RULES].flatMap((rule) => rule.methods.map((method) => [`${method} ${rule.pattern}`, rule.permission] as const)),
]);

/** Routes the policy opens to anyone because their handler checks its own secret (webhook signature, CI token), and so answers 401 itself. */
const SELF_AUTHENTICATING = new Set(ROUTES.filter((route) => route.selfAuthentication).map((route) => `${route.method} ${route.path}`));

/** The permission each server action needs (`requireUser` at its top). */
const EXPECTED_ACTIONS: Record<string, Permission> = {
  "app/apps/actions.ts#createAppAction": "admin",
  "app/apps/actions.ts#deleteAction": "admin",
  "app/apps/actions.ts#refreshAction": "deployer",
  "app/apps/actions.ts#syncAction": "deployer",
  "app/apps/actions.ts#previewRollbackAction": "deployer",
  "app/apps/actions.ts#rollbackAction": "deployer",
  "app/apps/actions.ts#resumeAutoSyncAction": "deployer",
  "app/apps/actions.ts#previewRollbackCommitAction": "deployer",
  "app/apps/actions.ts#commitRollbackAction": "deployer",
  "app/apps/actions.ts#terminateAction": "deployer",
  "app/projects/actions.ts#createProjectAction": "admin",
  "app/projects/actions.ts#updateProjectAction": "admin",
  "app/projects/actions.ts#deleteProjectAction": "admin",
  "app/pipelines/actions.ts#promoteAction": "viewer",
  "app/pipelines/actions.ts#approvePromotionAction": "viewer",
};

/** The projects of the project dimension, and an app in each (created; their repository is unreachable, so no sync changes anything). */
const TEAM_PROJECT = "matrix-team";
const OTHER_PROJECT = "matrix-other";
const PROJECT_APPS: Record<string, string> = { "matrix-team-app": TEAM_PROJECT, "matrix-other-app": OTHER_PROJECT };

type ProjectCaller = "project-deployer" | "project-viewer";

/** The principals the server makes of the project callers: roles from matrix-team's bindings, and the viewer's project limit. */
const PROJECT_PRINCIPALS: Record<ProjectCaller, Principal> = {
  "project-deployer": { kind: "user", name: "matrix-team-deployer", role: "viewer", grants: [], projectRoles: { [TEAM_PROJECT]: "deployer" }, mustChangePassword: false },
  "project-viewer": { kind: "user", name: "matrix-team-viewer", role: "viewer", grants: [], projects: [TEAM_PROJECT], projectRoles: { [TEAM_PROJECT]: "viewer" }, mustChangePassword: false },
};

/** The app every call names: granted to the deployer by glob, and not existing (nothing is harmed). */
const GRANTED_APP = "matrix-missing";
/** An app the deployer is not granted. */
const OTHER_APP = "other-missing";

interface Route {
  /** Folder-syntax pattern, e.g. `/api/apps/[name]/sync`. */
  pattern: string;
  method: string;
  /** `endpoint`: a route file outside app/api (`/metrics`), which checks its own credentials. */
  kind: "api" | "page" | "endpoint";
}

function patternOf(file: string, suffix: string): string {
  const segments = file
    .slice(0, -suffix.length)
    .split(path.sep)
    .slice(1)
    .filter((s) => s !== "" && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

async function discoverRoutes(): Promise<Route[]> {
  const routes: Route[] = [];
  for await (const file of glob("app/**/route.ts")) {
    if (file.split(path.sep).some((s) => s.startsWith("_"))) continue;
    const kind = file.startsWith(`app${path.sep}api${path.sep}`) ? "api" : "endpoint";
    const source = await readFile(file, "utf8");
    for (const method of HTTP_METHODS) {
      if (new RegExp(`export\\s+(async\\s+)?(function|const)\\s+${method}\\b`).test(source)) routes.push({ pattern: patternOf(file, "/route.ts"), method, kind });
    }
  }
  for await (const file of glob("app/**/page.tsx")) {
    if (file.split(path.sep).some((s) => s.startsWith("_"))) continue;
    routes.push({ pattern: patternOf(file, "/page.tsx").replace(/^$/, "/") || "/", method: "GET", kind: "page" });
  }
  return routes.sort((a, b) => `${a.pattern} ${a.method}`.localeCompare(`${b.pattern} ${b.method}`));
}

function concretePath(pattern: string, app: string): string {
  return pattern.replace(/\[\[?\.{3}(\w+)\]?\]/g, "x").replace(/\[(\w+)\]/g, (_m, name: string) => (name === "name" ? app : name === "id" ? "nonexistent-id" : "nobody"));
}

interface ServerAction {
  key: string;
  id: string;
  page: string;
}

async function discoverServerActions(): Promise<ServerAction[]> {
  const distDir = process.env.LOCKSTEP_DIST_DIR ?? ".next";
  const manifest = JSON.parse(await readFile(path.join(distDir, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers)[0] ?? "app/page";
    return { key: `${entry.filename}#${entry.exportedName}`, id, page: patternOf(`${worker}.tsx`, "/page.tsx") || "/" };
  });
}

type Caller = "anonymous" | "viewer" | "deployer" | "admin";

/** A route or page about one app or one project, made concrete for one app of the project dimension; its requirement with that app's project. */
function projectCase(pattern: string, method: string, app: string): { urlPath: string; requirement: Requirement } | undefined {
  const project = PROJECT_APPS[app]!;
  const match = pattern.startsWith("/api/projects/[name]") ? ACCESS_POLICY.find(method, pattern.replace("[name]", project)) : ACCESS_POLICY.find(method, concretePath(pattern, app));
  if (!match || (!match.rule.appParam && !match.rule.projectParam)) return undefined;
  const urlPath = pattern.startsWith("/api/projects/[name]") ? pattern.replace("[name]", project) : concretePath(pattern, app);
  return { urlPath, requirement: { ...requirementOf(match), project } };
}

/** What the policy says a caller gets: the status of a refusal, or "allowed". */
function expectedFor(caller: Caller, permission: Permission, app: string | undefined): 401 | 403 | "allowed" {
  const principal: Principal | null =
    caller === "anonymous"
      ? null
      : { kind: "user", name: caller, role: caller, grants: caller === "admin" ? ["*"] : caller === "deployer" ? ["matrix-*"] : [], mustChangePassword: false };
  const decision = authorize(principal, { permission, ...(app ? { app } : {}) });
  return decision.allowed ? "allowed" : decision.status;
}

describe("the authorization matrix", () => {
  let web: WebServer;
  let users: Record<Exclude<Caller, "anonymous"> | ProjectCaller, TestUser>;
  let routes: Route[];

  beforeAll(async () => {
    web = await startWebServer({ kubeconfig: inject("kubeconfig") });
    const [viewer, deployer, admin] = await Promise.all([
      createTestUser(web, { name: "matrix-viewer", role: "viewer" }),
      createTestUser(web, { name: "matrix-deployer", role: "deployer", grants: ["matrix-*"] }),
      createTestUser(web, { name: "matrix-admin", role: "admin" }),
    ]);
    await makeProjectsAndApps(web);
    const [projectDeployer, projectViewer] = await Promise.all([
      createTestUser(web, { name: "matrix-team-deployer", role: "viewer" }),
      createTestUser(web, { name: "matrix-team-viewer", role: "viewer", projects: [TEAM_PROJECT] }),
    ]);
    users = { viewer, deployer, admin, "project-deployer": projectDeployer, "project-viewer": projectViewer };
    routes = await discoverRoutes();
  });

  afterAll(async () => {
    await web?.stop();
  });

  async function signInFresh(caller: Exclude<Caller, "anonymous"> | ProjectCaller): Promise<string> {
    const response = await fetch(`${web.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: web.url },
      body: JSON.stringify({ username: users[caller].name, password: users[caller].password }),
    });
    return response.headers.getSetCookie()[0]!.split(";")[0]!;
  }

  async function call(caller: Caller | ProjectCaller, method: string, urlPath: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<Response> {
    const cookie = caller === "anonymous" ? undefined : urlPath === "/api/auth/logout" ? await signInFresh(caller) : users[caller].cookie;
    const response = await fetch(`${web.url}${urlPath}`, {
      method,
      redirect: "manual",
      signal: AbortSignal.timeout(60_000),
      headers: { origin: web.url, ...(cookie ? { cookie } : {}), ...(init.body !== undefined && !init.headers?.["content-type"] ? { "content-type": "application/json" } : {}), ...init.headers },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    await response.body?.cancel();
    return response;
  }

  it("has a rule, and the declared permission, for every route and page, and no rule without a route", () => {
    const found = routes.map((r) => `${r.method} ${r.pattern}`);
    for (const route of routes) {
      const key = `${route.method} ${route.pattern}`;
      const match = ACCESS_POLICY.find(route.method, concretePath(route.pattern, GRANTED_APP));
      expect(match?.rule.pattern, `the rule matching ${key}`).toBe(route.pattern);
      expect(EXPECTED[key], `the declared permission of ${key} (declare it in app/api/_routes)`).toBeDefined();
      expect(match?.rule.permission, `the permission of ${key}`).toBe(EXPECTED[key]);
    }
    const ruled = ACCESS_POLICY.rules.flatMap((rule) => rule.methods.map((m) => `${m} ${rule.pattern}`));
    expect(ruled.filter((r) => !found.includes(r)), "rules for routes that do not exist").toEqual([]);
    expect(Object.keys(EXPECTED).filter((r) => !found.includes(r)), "expectations for routes that do not exist").toEqual([]);
  });

  it.each(["anonymous", "viewer", "deployer", "admin"] as const)("answers every API route as the policy says when called by %s", async (caller) => {
    const problems: string[] = [];
    for (const route of routes.filter((r) => r.kind === "api")) {
      for (const app of route.pattern.includes("[name]") ? [GRANTED_APP, OTHER_APP] : [GRANTED_APP]) {
        const urlPath = concretePath(route.pattern, app);
        const match = ACCESS_POLICY.find(route.method, urlPath)!;
        const expected = expectedFor(caller, match.rule.permission, requirementOf(match).app);
        const isMutation = !["GET", "HEAD", "OPTIONS"].includes(route.method);
        const response = await call(caller, route.method, urlPath, isMutation ? { body: "{}" } : {});
        const refusedByPolicy = response.headers.get("x-lockstep-refused-by") === "proxy";
        const answersOwn401 = SELF_AUTHENTICATING.has(`${route.method} ${route.pattern}`);
        const ok =
          expected === "allowed"
            ? !refusedByPolicy && (answersOwn401 || (response.status !== 401 && response.status !== 403))
            : response.status === expected && refusedByPolicy;
        if (!ok) problems.push(`${route.method} ${urlPath}: expected ${expected}, got ${response.status}${refusedByPolicy ? " from the proxy" : ""}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(["anonymous", "viewer", "deployer", "admin"] as const)("shows every page as the policy says to %s", async (caller) => {
    const problems: string[] = [];
    for (const route of routes.filter((r) => r.kind === "page")) {
      const urlPath = concretePath(route.pattern, GRANTED_APP);
      const expected = expectedFor(caller, EXPECTED[`GET ${route.pattern}`]!, undefined);
      const response = await call(caller, "GET", urlPath);
      const location = response.headers.get("location") ?? "";
      const ok =
        expected === "allowed"
          ? response.status === 200 || response.status === 404
          : expected === 401
            ? response.status === 307 && location.includes("/login?next=")
            : response.status === 403;
      if (!ok) problems.push(`GET ${urlPath}: expected ${expected}, got ${response.status} ${location}`);
    }
    expect(problems).toEqual([]);
  });

  it.each(["anonymous", "viewer", "deployer", "admin"] as const)("runs every server action only when the policy allows %s", async (caller) => {
    const actions = await discoverServerActions();
    expect(actions.map((a) => a.key).sort(), "the reviewed server actions (add new ones to EXPECTED_ACTIONS)").toEqual(Object.keys(EXPECTED_ACTIONS).sort());
    const problems: string[] = [];
    for (const action of actions) {
      for (const app of [GRANTED_APP, OTHER_APP]) {
        const permission = EXPECTED_ACTIONS[action.key]!;
        const expected = expectedFor(caller, permission, app);
        const isForm = action.key.endsWith("#createAppAction");
        const body = isForm ? formBody(app) : { text: JSON.stringify([app, "nonexistent-id", false]), contentType: "text/plain;charset=UTF-8" };
        const headers = { "next-action": action.id, "content-type": body.contentType };
        const response = await call(caller, "POST", concretePath(action.page, app), { body: body.text, headers });
        const ok = expected === "allowed" ? response.status !== 401 && response.status !== 403 : response.status === expected;
        if (!ok) problems.push(`${action.key} on ${app}: expected ${expected}, got ${response.status}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(["project-deployer", "project-viewer"] as const)("answers every route and page about an app or a project as authorize says, with the app's project, when called by a %s", async (caller) => {
    const problems: string[] = [];
    for (const route of routes) {
      for (const app of Object.keys(PROJECT_APPS)) {
        const found = projectCase(route.pattern, route.method, app);
        if (!found) continue;
        const decision = authorize(PROJECT_PRINCIPALS[caller], found.requirement);
        const expected = decision.allowed ? "allowed" : decision.status;
        const isMutation = !["GET", "HEAD", "OPTIONS"].includes(route.method);
        const response = await call(caller, route.method, found.urlPath, isMutation ? { body: "{}" } : {});
        const ok =
          expected === "allowed"
            ? response.status !== 401 && response.status !== 403 && (route.kind === "api" || response.status === 200 || response.status === 404)
            : response.status === expected;
        if (!ok) problems.push(`${caller} ${route.method} ${found.urlPath}: expected ${expected}, got ${response.status}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("refuses, with 405, every method that would change or delete the audit log", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const response = await call("admin", method, "/api/audit", { body: "{}" });
      expect(response.status, method).toBe(405);
    }
  });
});

/** Creates the two projects of the project dimension (matrix-team binding its deployer and viewer by name) and an app in each. */
async function makeProjectsAndApps(web: WebServer): Promise<void> {
  const post = async (urlPath: string, body: unknown) => {
    const response = await fetch(`${web.url}${urlPath}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${web.adminToken}` },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`POST ${urlPath} answered ${response.status}: ${await response.text()}`);
  };
  const roles = [
    { name: "deployers", role: "deployer", users: ["matrix-team-deployer"] },
    { name: "viewers", role: "viewer", users: ["matrix-team-viewer"] },
  ];
  await post("/api/projects", { name: TEAM_PROJECT, sourceRepos: ["*"], appNamespace: true, roles });
  await post("/api/projects", { name: OTHER_PROJECT, sourceRepos: ["*"], appNamespace: true });
  for (const [app, project] of Object.entries(PROJECT_APPS)) {
    await post("/api/apps", { name: app, project, repoUrl: "http://127.0.0.1:9/unreachable.git", destNamespace: app });
  }
}

/** A multipart body as React encodes `(previousState, formData)` for a form action. */
function formBody(app: string): { text: string; contentType: string } {
  const boundary = "----matrixboundary";
  const fields: [string, string][] = [
    ["1_name", app],
    ["1_repoUrl", "https://git.example.com/none.git"],
    ["1_destNamespace", app],
    ["0", '[{},"$K1"]'],
  ];
  const text = fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + `--${boundary}--\r\n`;
  return { text, contentType: `multipart/form-data; boundary=${boundary}` };
}
