/**
 * The one recipe of every API route handler: authenticate → authorize (again: defence in depth
 * behind the proxy, and the authority on projects: it looks up the project of the app a route
 * names, which the proxy does not) → parse parameters, query and body → run → answer. Built
 * from the route's declaration, so what the handler checks is exactly what the policy and the
 * OpenAPI say.
 */
import type { z } from "zod";
import { projectOfApp } from "@/app/_auth/app-project";
import { authorize, type Requirement } from "@/lib/auth/authorize";
import { ForbiddenError, UnauthorizedError } from "@/lib/auth/errors";
import type { Principal } from "@/lib/auth/principal";
import type { EngineFacade } from "@/lib/engine/facade";
import { getEngine } from "@/lib/engine/current";
import { APP_PARAM, isAppScoped, isProjectScoped, paramsSchemaOf, PROJECT_PARAM, type RouteDeclaration } from "./declaration";
import { errorResponse, parseJson } from "./respond";

type Output<S, Otherwise> = S extends z.ZodType ? z.output<S> : Otherwise;

/** The `[param]` names of a folder-syntax path, as a union type. */
type ParamNames<P extends string> = P extends `${string}[${infer Name}]${infer Rest}` ? Name | ParamNames<Rest> : never;

/** What a handler is given: the caller, its parsed input, the raw request and the engine. */
export interface HandlerContext<D extends RouteDeclaration> {
  /** Who asks; null only on `anonymous` routes, which do not authenticate. */
  caller: D["permission"] extends "anonymous" ? null : Principal;
  params: Output<D["params"], { [K in ParamNames<D["path"]>]: string }>;
  query: Output<D["query"], Record<string, never>>;
  body: Output<D["body"], undefined>;
  request: Request;
  engine: EngineFacade;
}

/** What Next.js passes a route handler besides the request. */
export interface NextRouteContext {
  params: Promise<Record<string, string>>;
}

/** A Next.js route handler that carries its declaration (so tests can match files to the registry). */
export type DeclaredRouteHandler = ((request: Request, context: NextRouteContext) => Promise<Response>) & { readonly declaration: RouteDeclaration };

/**
 * What the route requires of this request: its permission, the app it names and that app's
 * project, or the project it names. The app is looked up only when the principal's project
 * roles or project limit could change the answer.
 */
async function requirementFor(engine: EngineFacade, principal: Principal | null, declaration: RouteDeclaration, params: Record<string, string>): Promise<Requirement> {
  const app = isAppScoped(declaration) ? params[APP_PARAM] : undefined;
  const dependsOnProject = principal !== null && (principal.projects !== undefined || principal.projectRoles !== undefined);
  const project = isProjectScoped(declaration) ? params[PROJECT_PARAM] : app !== undefined && dependsOnProject ? await projectOfApp(engine, app) : undefined;
  return { permission: declaration.permission, ...(app !== undefined ? { app } : {}), ...(project !== undefined ? { project } : {}) };
}

/** @throws UnauthorizedError or ForbiddenError when the caller may not use the route. */
async function authorizedCaller(engine: EngineFacade, request: Request, declaration: RouteDeclaration, params: Record<string, string>): Promise<Principal> {
  const principal = await engine.auth.authenticate(request.headers);
  const decision = authorize(principal, await requirementFor(engine, principal, declaration, params));
  if (!decision.allowed) throw decision.status === 401 ? new UnauthorizedError(decision.reason) : new ForbiddenError(decision.reason);
  return principal!;
}

function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== ""));
}

/** A route's own 401 when it needs a bearer token and none was sent. */
function missingBearer(declaration: RouteDeclaration, request: Request): Response | undefined {
  if (declaration.selfAuthentication !== "ci-token" || request.headers.get("authorization")) return undefined;
  return Response.json(
    { error: "A CI token or API token is required: send Authorization: Bearer <token>." },
    { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="lockstep-ci"' } },
  );
}

/**
 * Makes the route handler of a declaration. The handler answers a value (sent as JSON with the
 * declared status), undefined (204) or a `Response` of its own (streams, downloads, redirects,
 * 202s); a thrown error becomes its status through `errorResponse`.
 */
export function route<const D extends RouteDeclaration>(declaration: D, handler: (context: HandlerContext<D>) => Promise<unknown>): DeclaredRouteHandler {
  async function handle(request: Request, context: NextRouteContext): Promise<Response> {
    try {
      const engine: EngineFacade = getEngine();
      const rawParams = (await context.params) ?? {};
      const refused = missingBearer(declaration, request);
      if (refused) return refused;
      const caller = declaration.permission === "anonymous" ? null : await authorizedCaller(engine, request, declaration, rawParams);
      const params = paramsSchemaOf(declaration).parse(rawParams);
      const query = declaration.query ? declaration.query.parse(queryOf(request)) : {};
      const body = declaration.body ? await parseJson(request, declaration.body) : undefined;
      const result = await handler({ caller, params, query, body, request, engine } as unknown as HandlerContext<D>);
      if (result instanceof Response) return result;
      if (result === undefined) return new Response(null, { status: 204 });
      return Response.json(result, { status: declaration.status ?? 200 });
    } catch (error) {
      return errorResponse(error);
    }
  }
  return Object.assign(handle, { declaration });
}
