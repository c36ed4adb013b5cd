/**
 * A route's declaration: the one description of an API route — method, path, permission,
 * the zod schemas of its parameters, query and body, and its documented answers. The route
 * handler (through `route()`), the proxy's access policy and the OpenAPI document are all
 * made from it, so they cannot disagree.
 */
import { z } from "zod";
import type { AccessRule, HttpMethod } from "@/lib/auth/policy";
import type { Permission } from "@/lib/auth/roles";

/** One documented answer. */
export interface ResponseDoc {
  description: string;
  /** The body's schema, when it is worth describing. */
  schema?: z.ZodType;
  /** @default "application/json" (with the error schema for 4xx and 5xx) */
  contentType?: string;
}

/**
 * How an `anonymous` route proves who calls it, in its own handler: `ci-token` needs an
 * `Authorization: Bearer` header (refused with 401 before anything else when missing);
 * `webhook-signature` is the Git host's HMAC signature or token, checked by lib/webhooks.
 */
export type SelfAuthentication = "ci-token" | "webhook-signature";

/** What a route is, for the handler wrapper, the policy and the OpenAPI document. */
export interface RouteDeclaration {
  method: HttpMethod;
  /** The route in folder syntax, as its folder under app/: `/api/apps/[name]/sync`. */
  path: string;
  /**
   * What the caller needs. Routes under `/api/apps/[name]` are app-scoped: grants, token scopes
   * and project roles are checked against that app and its project; `/api/projects/[name]` is
   * project-scoped: project roles are checked against that project.
   */
  permission: Permission;
  /** Why an `anonymous` route is open to anyone (required for those). */
  note?: string;
  /** For anonymous routes whose handler checks its own credentials. */
  selfAuthentication?: SelfAuthentication;
  /** The audit log's name for what the request does, e.g. `app.sync`; a read with an action is audited too. */
  action?: string;
  /** For creations: the JSON body field naming the new app (recorded in the audit log). */
  appBodyField?: string;
  summary: string;
  description?: string;
  /** The path parameters; by default every `[param]` is a non-empty string. */
  params?: z.ZodObject;
  /** The query string, one field per parameter (empty values count as absent). */
  query?: z.ZodObject;
  /** The JSON body; routes without one do not read it (the handler may read the raw request). */
  body?: z.ZodType;
  /** The status of a successful JSON answer. @default 200 */
  status?: number;
  /** Every answer the route gives, by status. */
  responses: Record<number, ResponseDoc>;
}

/** The route parameter naming the app a route acts on. */
export const APP_PARAM = "name";

/** The folder of the routes that act on one app; a `[name]` elsewhere (a project's) names something else. */
const APP_ROUTES = `/api/apps/[${APP_PARAM}]`;

/** The route parameter naming the project a project route acts on. */
export const PROJECT_PARAM = "name";

/** The route that acts on one project. */
const PROJECT_ROUTE = `/api/projects/[${PROJECT_PARAM}]`;

/** Declares a route, keeping its literal types (the handler's parameters, query and body types come from them). */
export function declareRoute<const D extends RouteDeclaration>(declaration: D): D {
  return declaration;
}

/** The names of a path's `[param]` segments, in order. */
export function paramNamesOf(path: string): string[] {
  return [...path.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
}

/** The schema of a route's path parameters: the declared one, or every parameter a non-empty string. */
export function paramsSchemaOf(declaration: RouteDeclaration): z.ZodObject {
  if (declaration.params) return declaration.params;
  return z.object(Object.fromEntries(paramNamesOf(declaration.path).map((name) => [name, z.string().min(1).max(253)])));
}

/** True when the route acts on one app, named by its `[name]` parameter: the routes under `/api/apps/[name]`. */
export function isAppScoped(declaration: Pick<RouteDeclaration, "path">): boolean {
  return declaration.path === APP_ROUTES || declaration.path.startsWith(`${APP_ROUTES}/`);
}

/**
 * True when the route reads one project, named by its `[name]` parameter (`GET
 * /api/projects/[name]`): the project's own roles count. Changing or deleting a project is for
 * global admins only — a project admin could otherwise widen the boundary it is held in.
 */
export function isProjectScoped(declaration: Pick<RouteDeclaration, "path" | "method">): boolean {
  return declaration.path === PROJECT_ROUTE && declaration.method === "GET";
}

/** The access-policy line of a declaration. */
export function accessRuleOf(declaration: RouteDeclaration): AccessRule {
  return {
    methods: [declaration.method],
    pattern: declaration.path,
    permission: declaration.permission,
    ...(isAppScoped(declaration) ? { appParam: APP_PARAM } : {}),
    ...(isProjectScoped(declaration) ? { projectParam: PROJECT_PARAM } : {}),
    ...(declaration.appBodyField ? { appBodyField: declaration.appBodyField } : {}),
    ...(declaration.action ? { action: declaration.action } : {}),
    ...(declaration.note ? { note: declaration.note } : {}),
  };
}
