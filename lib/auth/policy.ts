/**
 * The access policy: one table mapping (method, route) to the permission it needs. The proxy
 * (`proxy.ts`) enforces it for every request before any route handler, page or SSE stream
 * runs, and the authorization-matrix test checks that every route file has a rule. A request
 * that matches no rule is refused: the policy fails closed.
 *
 * Patterns use the App Router's folder syntax, so a rule reads like the file it covers:
 * `/api/apps/[name]/sync` ↔ `app/api/apps/[name]/sync/route.ts`.
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
  /** For creations: the JSON body field naming the new app (recorded in the audit log). */
  appBodyField?: string;
  /** The audit log's name for what the request does, e.g. `app.sync`; a read with an action is audited too. */
  action?: string;
  /** Why a route is open to anonymous callers; required for `anonymous` rules. */
  note?: string;
}

type RuleOptions = Omit<AccessRule, "methods" | "pattern" | "permission">;

function rule(methods: HttpMethod | HttpMethod[], pattern: string, permission: Permission, options: RuleOptions = {}): AccessRule {
  return { methods: Array.isArray(methods) ? methods : [methods], pattern, permission, ...options };
}

const app = { appParam: "name" };

/** Every API route and page, with the permission it needs. */
export const ACCESS_RULES: readonly AccessRule[] = [
  // Sign-in and the caller's own account.
  rule("POST", "/api/auth/login", "anonymous", { action: "auth.login", note: "Signing in is how one stops being anonymous; rate-limited." }),
  rule("POST", "/api/auth/logout", "anonymous", { action: "auth.logout", note: "Signing out ends whatever session the cookie names, if any." }),
  rule("GET", "/api/auth/me", "signed-in"),
  rule("POST", "/api/auth/password", "signed-in", { action: "auth.change-password" }),
  rule("GET", "/api/auth/oidc/login", "anonymous", { note: "Starts single sign-on: redirects to the identity provider." }),
  rule("GET", "/api/auth/oidc/callback", "anonymous", { action: "auth.sso", note: "The identity provider's redirect back; state, nonce, PKCE and the ID token are checked." }),

  // The API description.
  rule("GET", "/api/openapi.json", "anonymous", { note: "The API's public description; holds no data." }),

  // Applications.
  rule("GET", "/api/apps", "viewer"),
  rule("POST", "/api/apps", "admin", { appBodyField: "name", action: "app.create" }),
  rule("GET", "/api/apps/[name]", "viewer", app),
  rule(["PATCH", "PUT"], "/api/apps/[name]", "admin", { ...app, action: "app.update" }),
  rule("DELETE", "/api/apps/[name]", "admin", { ...app, action: "app.delete" }),
  rule("GET", "/api/apps/[name]/diff", "viewer", app),
  rule("GET", "/api/apps/[name]/history", "viewer", app),
  rule("GET", "/api/apps/[name]/operations/[id]", "viewer", app),
  rule("POST", "/api/apps/[name]/refresh", "deployer", { ...app, action: "app.refresh" }),
  rule("POST", "/api/apps/[name]/sync", "deployer", { ...app, action: "app.sync" }),
  rule("GET", "/api/apps/[name]/history/compare", "viewer", app),
  rule("POST", "/api/apps/[name]/rollback", "deployer", { ...app, action: "app.rollback" }),
  rule("POST", "/api/apps/[name]/resume-auto-sync", "deployer", { ...app, action: "app.resume-auto-sync" }),
  rule("POST", "/api/apps/[name]/operations/[id]/terminate", "deployer", { ...app, action: "app.terminate" }),
  rule("GET", "/api/apps/[name]/tree", "viewer", app),
  rule("GET", "/api/apps/[name]/events", "viewer", app),
  rule("POST", "/api/refresh", "deployer", { action: "apps.refresh" }),

  // Live status across apps: the list pages' event stream and the drift report (each filters by what the caller may see).
  rule("GET", "/api/events", "viewer"),
  rule("GET", "/api/drift", "viewer"),

  // Audit log, users and API tokens. The audit log has no route that changes it.
  rule("GET", "/api/audit", "viewer"),
  rule("GET", "/api/users", "admin"),
  rule("POST", "/api/users", "admin", { action: "user.create" }),
  rule("PATCH", "/api/users/[user]", "admin", { action: "user.update" }),
  rule("DELETE", "/api/users/[user]", "admin", { action: "user.delete" }),
  rule("GET", "/api/tokens", "admin"),
  rule("POST", "/api/tokens", "admin", { action: "token.create" }),
  rule("DELETE", "/api/tokens/[id]", "admin", { action: "token.revoke" }),

  // The CD half: Git hosts and CI pipelines authenticate themselves in their route handlers.
  rule("POST", "/api/webhooks/git", "anonymous", { action: "webhook.git", note: "Git hosts prove themselves with the webhook secret (HMAC signature or token), checked by lib/webhooks." }),
  rule("POST", "/api/images", "anonymous", { action: "image.set", note: "CI pipelines prove themselves with the CI token, checked by lib/cd/ci-token.ts." }),

  // Repository credentials: secrets are write-only, but even their URL prefixes are for admins.
  rule("GET", "/api/repositories", "admin"),
  rule("POST", "/api/repositories", "admin", { action: "repository.create" }),
  rule("GET", "/api/repositories/[id]", "admin"),
  rule("PATCH", "/api/repositories/[id]", "admin", { action: "repository.update" }),
  rule("DELETE", "/api/repositories/[id]", "admin", { action: "repository.delete" }),

  // Pages. Server actions posted to a page need at least `viewer` and check their own permission.
  rule("GET", "/login", "anonymous", { note: "The sign-in form." }),
  rule("GET", "/account/password", "signed-in"),
  rule("GET", "/", "viewer"),
  rule("GET", "/apps/new", "admin"),
  rule("GET", "/apps/[name]", "viewer", app),
  rule("GET", "/apps/[name]/compare", "viewer", app),
  rule("GET", "/audit", "viewer"),
  rule("GET", "/drift", "viewer"),
  rule("GET", "/settings/users", "admin"),
  rule("GET", "/settings/tokens", "admin"),
  rule("GET", "/repositories", "admin"),
];

const SORTED_RULES = [...ACCESS_RULES].sort((a, b) => comparePatternSpecificity(a.pattern, b.pattern));

/** A rule that matched a request, with the route's parameters. */
export interface RuleMatch {
  rule: AccessRule;
  params: RouteParams;
}

function judgedMethod(method: string): HttpMethod {
  const upper = method.toUpperCase();
  return upper === "HEAD" || upper === "OPTIONS" ? "GET" : (upper as HttpMethod);
}

/**
 * The rule for a request, or undefined when none covers it (the caller then refuses it).
 * The most specific matching pattern decides, as in Next.js routing; a pattern that matches
 * but does not list the method is no match.
 */
export function findAccessRule(method: string, path: string): RuleMatch | undefined {
  const wanted = judgedMethod(method);
  for (const candidate of SORTED_RULES) {
    const params = matchRoutePattern(candidate.pattern, path);
    if (!params) continue;
    if (candidate.methods.includes(wanted)) return { rule: candidate, params };
  }
  return undefined;
}

/** The methods some rule allows on `path` (for a 405's `Allow` header); empty when no rule covers the path at all. */
export function allowedMethods(path: string): HttpMethod[] {
  const methods = new Set<HttpMethod>();
  for (const candidate of SORTED_RULES) {
    if (matchRoutePattern(candidate.pattern, path)) for (const m of candidate.methods) methods.add(m);
  }
  if (methods.has("GET")) ["HEAD", "OPTIONS"].forEach((m) => methods.add(m as HttpMethod));
  return HTTP_METHODS.filter((m) => methods.has(m));
}

function stronger(a: Permission, b: Permission): Permission {
  return PERMISSIONS.indexOf(a) >= PERMISSIONS.indexOf(b) ? a : b;
}

/** What a server action posted to a page requires before it runs: the page's permission, at least `viewer`. */
export function findServerActionRule(path: string): RuleMatch | undefined {
  const page = findAccessRule("GET", path);
  if (!page) return undefined;
  return { rule: { ...page.rule, methods: ["POST"], permission: stronger(page.rule.permission, "viewer"), action: "server-action" }, params: page.params };
}

/** The requirement a matched rule sets for authorization. */
export function requirementOf(match: RuleMatch): Requirement {
  const appName = match.rule.appParam ? match.params[match.rule.appParam] : undefined;
  return { permission: match.rule.permission, ...(appName !== undefined ? { app: appName } : {}) };
}
