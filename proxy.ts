/**
 * The front door (Next.js 16's proxy, on the Node.js runtime): every request to a page, route
 * handler, server action or event stream passes here first. In order:
 *
 * 1. the access rule of the route (app/api/_routes/policy.ts: the API routes' declarations and
 *    the pages' table in lib/auth/policy.ts) — no rule, no entry (fail closed);
 * 2. who is asking (session cookie or bearer token) and whether the rule lets them — without
 *    looking up the app a route names, so a project member passes when some project of theirs
 *    would let them, and the route handler decides with the app's real project;
 * 3. for a browser's cookie-carrying mutation, that it comes from this site (CSRF);
 * 4. for an API mutation, that its body is at most 1 MiB (25 MiB for the Git webhook);
 * 5. for every mutation, an audit note, written with the status once the answer is sent;
 * 6. security headers, with a fresh script nonce for pages.
 *
 * Route handlers and server actions check again what they need (every route handler is built
 * by `route()` from the same declaration; a server action calls `requireUser`), so a matcher
 * change cannot silently open a door.
 */
import { NextResponse, type NextRequest } from "next/server";
import { ACCESS_POLICY } from "@/app/api/_routes/policy";
import type { AuditNote } from "@/lib/audit/notes";
import { resultOfStatus } from "@/lib/audit/results";
import { authorize, authorizeAtTheDoor, type Requirement } from "@/lib/auth/authorize";
import { requirementOf, type RuleMatch } from "@/lib/auth/policy";
import { projectOfApp } from "@/app/_auth/app-project";
import type { Principal } from "@/lib/auth/principal";
import { getEngine } from "@/lib/engine/current";
import { bodyLimitOf, declaredBodyProblem, readBodyWithin, stringFieldWithin } from "@/lib/http/body-limit";
import { requestOrigin, trustsProxy } from "@/lib/http/forwarded";
import { crossSiteReason } from "@/lib/http/same-origin";
import {
  API_CONTENT_SECURITY_POLICY,
  COMMON_SECURITY_HEADERS,
  pageContentSecurityPolicy,
  STRICT_TRANSPORT_SECURITY,
} from "@/lib/http/security-headers";

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Marks the answers the proxy gives itself, so a client (and the authorization test) can tell them from a handler's. */
const REFUSED_BY_HEADER = "X-Lockstep-Refused-By";

interface RequestFacts {
  path: string;
  method: string;
  isApi: boolean;
  isServerAction: boolean;
  isMutation: boolean;
  isHttps: boolean;
}

function factsOf(request: NextRequest): RequestFacts {
  const path = request.nextUrl.pathname;
  const method = request.method.toUpperCase();
  const isApi = path === "/api" || path.startsWith("/api/");
  return {
    path,
    method,
    isApi,
    isServerAction: !isApi && method === "POST" && request.headers.has("next-action"),
    isMutation: !READ_METHODS.has(method),
    isHttps: requestOrigin(request.headers, { encrypted: request.nextUrl.protocol === "https:" }, { trustProxy: trustsProxy() }).proto === "https",
  };
}

function withSecurityHeaders(response: Response, facts: RequestFacts, csp: string): Response {
  for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) response.headers.set(name, value);
  response.headers.set("Content-Security-Policy", csp);
  if (facts.isHttps) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  if (facts.isApi && !response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "no-store");
  return response;
}

function refusal(facts: RequestFacts, request: NextRequest, verdict: Refusal, principal: Principal | null): Response {
  const isPageView = !facts.isApi && !facts.isServerAction && !facts.isMutation;
  if (isPageView && verdict.status === 401) {
    const next = `${facts.path}${request.nextUrl.search}`;
    return NextResponse.redirect(new URL(`/login?next=${encodeURIComponent(next)}`, request.url));
  }
  if (isPageView && principal?.mustChangePassword && verdict.status === 403) return NextResponse.redirect(new URL("/account/password", request.url));
  const headers: Record<string, string> = {
    [REFUSED_BY_HEADER]: "proxy",
    ...(verdict.status === 401 ? { "WWW-Authenticate": 'Bearer realm="lockstep"' } : {}),
    ...(verdict.allow ? { Allow: verdict.allow } : {}),
  };
  if (isPageView) {
    const html = `<!doctype html><meta charset="utf-8"><title>Lockstep</title><p>${verdict.reason.replace(/[<>&"]/g, "")}</p><p><a href="/">Applications</a></p>`;
    return new Response(html, { status: verdict.status, headers: { ...headers, "content-type": "text/html; charset=utf-8" } });
  }
  return Response.json({ error: verdict.reason }, { status: verdict.status, headers });
}

async function bodyProblem(request: NextRequest, facts: RequestFacts): Promise<string | undefined> {
  if (!facts.isApi || !facts.isMutation) return undefined;
  const limit = bodyLimitOf(facts.path);
  const declared = declaredBodyProblem(request.headers.get("content-length"), limit);
  if (declared) return declared;
  if (request.headers.get("content-length") !== null || !request.body) return undefined;
  return (await readBodyWithin(request.clone().body, limit.bytes)) ? undefined : limit.tooLarge;
}

/**
 * The app a request's body names, for its audit note: read only from a signed-in caller's body
 * that was not refused for its size, and only up to the route's body limit — an anonymous or
 * oversize body is never parsed.
 */
async function appNameFromBody(request: NextRequest, facts: RequestFacts, field: string, principal: Principal | null, refused: Refusal | undefined): Promise<string | null> {
  if (principal === null || refused?.status === 413) return null;
  return (await stringFieldWithin(request.clone().body, bodyLimitOf(facts.path).bytes, field)) ?? null;
}

async function noteFor(request: NextRequest, facts: RequestFacts, match: RuleMatch | undefined, principal: Principal | null, address: string, refused: Refusal | undefined): Promise<AuditNote> {
  const rule = match?.rule;
  const fromParam = rule?.appParam ? match?.params[rule.appParam] : undefined;
  const app = fromParam ?? (rule?.appBodyField ? await appNameFromBody(request, facts, rule.appBodyField, principal, refused) : null);
  return {
    actor: principal?.name ?? "anonymous",
    actorKind: principal ? principal.kind : "anonymous",
    action: rule?.action ?? `${facts.method} ${facts.path}`,
    app: app ?? null,
    method: facts.method,
    path: facts.path,
    address,
  };
}

/** Why a request is turned away. */
interface Refusal {
  status: 401 | 403 | 404 | 405 | 413;
  reason: string;
  /** For a 405: the methods the path takes. */
  allow?: string;
}

/**
 * Authorizes by the rule; without one, refuses: 405 when the path has rules for other methods,
 * else 404 — a route nobody wrote a rule for does not exist as far as callers can tell.
 */
/**
 * Pages stream (a loading state is sent before the page runs), so a page's own refusal would
 * arrive with status 200: for a page about one app, the proxy decides with the app's project
 * when the principal's project roles or limit depend on it. API routes decide again in
 * `route()`, which sets the status itself.
 */
async function requirementFor(match: RuleMatch, principal: Principal | null, facts: RequestFacts): Promise<{ requirement: Requirement; exact: boolean }> {
  const requirement = requirementOf(match);
  const dependsOnProject = principal !== null && (principal.projects !== undefined || principal.projectRoles !== undefined);
  if (facts.isApi || requirement.app === undefined || requirement.project !== undefined || !dependsOnProject) return { requirement, exact: false };
  const project = await projectOfApp(getEngine(), requirement.app);
  return { requirement: project === undefined ? requirement : { ...requirement, project }, exact: true };
}

async function decide(match: RuleMatch | undefined, principal: Principal | null, facts: RequestFacts): Promise<Refusal | undefined> {
  if (match) {
    const { requirement, exact } = await requirementFor(match, principal, facts);
    const decision = exact ? authorize(principal, requirement) : authorizeAtTheDoor(principal, requirement);
    return decision.allowed ? undefined : decision;
  }
  const allow = facts.isServerAction ? [] : ACCESS_POLICY.allowedMethods(facts.path);
  if (allow.length > 0) return { status: 405, reason: `${facts.method} is not allowed on ${facts.path}.`, allow: allow.join(", ") };
  const what = facts.isServerAction ? `server actions on ${facts.path}` : `${facts.method} ${facts.path}`;
  return { status: 404, reason: `Nothing answers ${what} here (no route, or no access rule for it).` };
}

/** The reason to turn a request away, or undefined to let it in. */
async function verdictOf(request: NextRequest, facts: RequestFacts, match: RuleMatch | undefined, principal: Principal | null): Promise<Refusal | undefined> {
  const refused = await decide(match, principal, facts);
  if (refused) return refused;
  if (facts.isMutation && principal?.kind !== "token") {
    const crossSite = crossSiteReason(request.headers);
    if (crossSite) return { status: 403, reason: crossSite };
  }
  const tooLarge = await bodyProblem(request, facts);
  return tooLarge ? { status: 413, reason: tooLarge } : undefined;
}

/** Authorizes, guards and annotates every request; see the module comment. */
export async function proxy(request: NextRequest): Promise<Response> {
  const facts = factsOf(request);
  const engine = getEngine();
  const stamp = engine.audit.readStamp(request.headers);
  const address = stamp?.address ?? "unknown";
  const match = facts.isServerAction ? ACCESS_POLICY.findServerAction(facts.path) : ACCESS_POLICY.find(facts.method, facts.path);
  const principal = await engine.auth.authenticate(request.headers);

  const refused = await verdictOf(request, facts, match, principal);

  if ((facts.isMutation || match?.rule.action) && stamp) {
    const note = await noteFor(request, facts, match, principal, address, refused);
    engine.audit.openNote(stamp.requestId, refused ? { ...note, result: resultOfStatus(refused.status), detail: refused.reason } : note);
  }

  const isPage = !facts.isApi;
  const nonce = isPage ? Buffer.from(crypto.randomUUID()).toString("base64") : "";
  const csp = isPage ? pageContentSecurityPolicy({ nonce, development: process.env.NODE_ENV !== "production" }) : API_CONTENT_SECURITY_POLICY;
  if (refused) return withSecurityHeaders(refusal(facts, request, refused, principal), facts, csp);

  const requestHeaders = new Headers(request.headers);
  if (isPage) {
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("Content-Security-Policy", csp);
  }
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), facts, csp);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|logo.svg|robots.txt).*)"],
};
