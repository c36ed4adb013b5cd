/**
 * The access policy: a table mapping (method, route) to the permission it needs. The proxy
 * (`proxy.ts`) enforces it for every request before any route handler, page or SSE stream
 * runs. A request that matches no rule is refused: the policy fails closed.
 *
 * API routes declare their rules once, beside their handlers (app/api/_routes); the policy is
 * built from those declarations plus {@link PAGE_RULES}, the pages' hand-written table, with
 * {@link createAccessPolicy}. Patterns use the App Router's folder syntax, so a rule reads
 * like the file it covers: `/api/apps/[name]/sync` ↔ `app/api/apps/[name]/sync/route.ts`.
 */
import type { Requirement } from "./authorize";
import { comparePatternSpecificity, matchRoutePattern, type RouteParams } from "./route-pattern";
import { PERMISSIONS, type Permission } from "./roles";

/** The methods a route handler may export. */
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
/** One of {@link HTTP_METHODS}. */
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One line of the policy. */
export interface AccessRule {
  /** The methods it covers; pages list `GET`. HEAD and OPTIONS are judged as GET. */
  methods: readonly HttpMethod[];
  /** The route, in folder syntax: `/api/apps/[name]/sync`. */
  pattern: string;
  permission: Permission;
  /** The route parameter naming the app acted on: grants and token scopes are checked against it. */
  appParam?: string;
  /** The route parameter naming the project acted on: project roles are checked against it. */
  projectParam?: string;
  /** For creations: the JSON body field naming the new app (recorded in the audit log). */
  appBodyField?: string;
  /** The audit log's name for what the request does, e.g. `app.sync`; a read with an action is audited too. */
  action?: string;
  /** Why a route is open to anonymous callers; required for `anonymous` rules. */
  note?: string;
}

const app = { appParam: "name" };

/** Every page, with the permission it needs. Server actions posted to a page need at least `viewer` and check their own permission. */
export const PAGE_RULES: readonly AccessRule[] = [
  { methods: ["GET"], pattern: "/login", permission: "anonymous", note: "The sign-in form." },
  { methods: ["GET"], pattern: "/account/password", permission: "signed-in" },
  { methods: ["GET"], pattern: "/", permission: "viewer" },
  { methods: ["GET"], pattern: "/apps/new", permission: "admin" },
  { methods: ["GET"], pattern: "/apps/[name]", permission: "viewer", ...app },
  { methods: ["GET"], pattern: "/apps/[name]/compare", permission: "viewer", ...app },
  { methods: ["GET"], pattern: "/appsets", permission: "viewer" },
  { methods: ["GET"], pattern: "/appsets/[name]", permission: "viewer" },
  { methods: ["GET"], pattern: "/audit", permission: "viewer" },
  { methods: ["GET"], pattern: "/drift", permission: "viewer" },
  { methods: ["GET"], pattern: "/insights", permission: "viewer" },
  { methods: ["GET"], pattern: "/replicas", permission: "viewer" },
  { methods: ["GET"], pattern: "/pipelines", permission: "viewer" },
  { methods: ["GET"], pattern: "/pipelines/[service]", permission: "viewer" },
  { methods: ["GET"], pattern: "/settings/users", permission: "admin" },
  { methods: ["GET"], pattern: "/settings/tokens", permission: "admin" },
  { methods: ["GET"], pattern: "/repositories", permission: "admin" },
  { methods: ["GET"], pattern: "/clusters", permission: "admin" },
  { methods: ["GET"], pattern: "/notifications", permission: "admin" },
  { methods: ["GET"], pattern: "/projects", permission: "admin" },
  { methods: ["GET"], pattern: "/projects/[name]", permission: "admin" },
];

/**
 * Endpoints outside `/api` and the pages: `/metrics`, where Prometheus expects it. Open at the
 * door because its handler (app/metrics/route.ts) checks the metrics token or a loopback
 * caller itself; API tokens and sessions grant nothing there.
 */
export const ENDPOINT_RULES: readonly AccessRule[] = [
  { methods: ["GET"], pattern: "/metrics", permission: "anonymous", note: "Prometheus scrapes it; the handler checks the metrics token (LOCKSTEP_METRICS_TOKEN), or a loopback caller when none is set." },
];

/** A rule that matched a request, with the route's parameters. */
export interface RuleMatch {
  rule: AccessRule;
  params: RouteParams;
}

/** A policy: its rules, and the questions the proxy asks of them. */
export interface AccessPolicy {
  readonly rules: readonly AccessRule[];
  /**
   * The rule for a request, or undefined when none covers it (the caller then refuses it).
   * The most specific matching pattern decides, as in Next.js routing; a pattern that matches
   * but does not list the method is no match.
   */
  find(method: string, path: string): RuleMatch | undefined;
  /** The methods some rule allows on `path` (for a 405's `Allow` header); empty when no rule covers the path at all. */
  allowedMethods(path: string): HttpMethod[];
  /** What a server action posted to a page requires before it runs: the page's permission, at least `viewer`. */
  findServerAction(path: string): RuleMatch | undefined;
}

function judgedMethod(method: string): HttpMethod {
  const upper = method.toUpperCase();
  return upper === "HEAD" || upper === "OPTIONS" ? "GET" : (upper as HttpMethod);
}

function stronger(a: Permission, b: Permission): Permission {
  return PERMISSIONS.indexOf(a) >= PERMISSIONS.indexOf(b) ? a : b;
}

/** Builds the policy of these rules. @throws Error when an anonymous rule does not say why, or two rules cover the same method and pattern. */
export function createAccessPolicy(rules: readonly AccessRule[]): AccessPolicy {
  const seen = new Set<string>();
  for (const candidate of rules) {
    if (candidate.permission === "anonymous" && !candidate.note) throw new Error(`The anonymous rule for ${candidate.pattern} must say why in its note.`);
    for (const m of candidate.methods) {
      const key = `${m} ${candidate.pattern}`;
      if (seen.has(key)) throw new Error(`Two access rules cover ${key}.`);
      seen.add(key);
    }
  }
  const sorted = [...rules].sort((a, b) => comparePatternSpecificity(a.pattern, b.pattern));

  function find(method: string, path: string): RuleMatch | undefined {
    const wanted = judgedMethod(method);
    for (const candidate of sorted) {
      const params = matchRoutePattern(candidate.pattern, path);
      if (params && candidate.methods.includes(wanted)) return { rule: candidate, params };
    }
    return undefined;
  }

  function allowedMethods(path: string): HttpMethod[] {
    const methods = new Set<HttpMethod>();
    for (const candidate of sorted) {
      if (matchRoutePattern(candidate.pattern, path)) for (const m of candidate.methods) methods.add(m);
    }
    if (methods.has("GET")) ["HEAD", "OPTIONS"].forEach((m) => methods.add(m as HttpMethod));
    return HTTP_METHODS.filter((m) => methods.has(m));
  }

  function findServerAction(path: string): RuleMatch | undefined {
    const page = find("GET", path);
    if (!page) return undefined;
    return { rule: { ...page.rule, methods: ["POST"], permission: stronger(page.rule.permission, "viewer"), action: "server-action" }, params: page.params };
  }

  return { rules, find, allowedMethods, findServerAction };
}

/** The requirement a matched rule sets for authorization. */
export function requirementOf(match: RuleMatch): Requirement {
  const appName = match.rule.appParam ? match.params[match.rule.appParam] : undefined;
  const project = match.rule.projectParam ? match.params[match.rule.projectParam] : undefined;
  return { permission: match.rule.permission, ...(appName !== undefined ? { app: appName } : {}), ...(project !== undefined ? { project } : {}) };
}
