/**
 * The OpenAPI 3.1 document, generated from the route declarations: paths, parameters and
 * request bodies come from their zod schemas (`z.toJSONSchema`, as input: what a client sends),
 * security from their permissions.
 */
import { z } from "zod";
import type { RouteDeclaration } from "../_shared/declaration";
import { paramsSchemaOf } from "../_shared/declaration";

const ERROR_SCHEMA = {
  type: "object",
  required: ["error"],
  properties: {
    error: { type: "string" },
    fields: { type: "array", items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } } } },
  },
};

const SECURITY_SCHEMES = {
  apiToken: { type: "http", scheme: "bearer", description: "An API token (lsp_…) made by an admin on the Tokens page or with POST /api/tokens." },
  session: { type: "apiKey", in: "cookie", name: "lockstep_session", description: "The session cookie set by POST /api/auth/login. Mutations must come from this site (Origin)." },
  ciToken: { type: "http", scheme: "bearer", description: "The CI token (LOCKSTEP_CI_TOKEN), or an API token with deployer rights on the apps concerned." },
};

type JsonSchema = Record<string, unknown>;

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  delete json.$schema;
  return json;
}

/** `/api/apps/[name]` → `/api/apps/{name}`. */
export function openApiPath(path: string): string {
  return path.replace(/\[(\w+)\]/g, "{$1}");
}

function parametersOf(declaration: RouteDeclaration): JsonSchema[] {
  const parameters: JsonSchema[] = [];
  const objects: [string, z.ZodObject | undefined][] = [
    ["path", paramsSchemaOf(declaration)],
    ["query", declaration.query],
  ];
  for (const [where, schema] of objects) {
    if (!schema) continue;
    const json = jsonSchemaOf(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      const { description, ...rest } = property;
      const required = where === "path" || (json.required ?? []).includes(name);
      parameters.push({ name, in: where, required, schema: rest, ...(description ? { description } : {}) });
    }
  }
  return parameters;
}

function responsesOf(declaration: RouteDeclaration): JsonSchema {
  return Object.fromEntries(
    Object.entries(declaration.responses).map(([status, doc]) => {
      const isError = Number(status) >= 400;
      const contentType = doc.contentType ?? "application/json";
      const schema = doc.schema ? jsonSchemaOf(doc.schema) : isError ? { $ref: "#/components/schemas/Error" } : undefined;
      return [status, { description: doc.description, ...(schema ? { content: { [contentType]: { schema } } } : doc.contentType ? { content: { [contentType]: {} } } : {}) }];
    }),
  );
}

function securityOf(declaration: RouteDeclaration): JsonSchema[] | undefined {
  if (declaration.selfAuthentication === "ci-token") return [{ ciToken: [] }];
  return declaration.permission === "anonymous" ? [] : undefined;
}

function operationOf(declaration: RouteDeclaration): JsonSchema {
  const parameters = parametersOf(declaration);
  const security = securityOf(declaration);
  const notes = [declaration.description, `Needs: ${declaration.permission}.`].filter(Boolean).join(" ");
  return {
    summary: declaration.summary,
    description: notes,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(declaration.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchemaOf(declaration.body) } } } } : {}),
    responses: responsesOf(declaration),
    ...(security ? { security } : {}),
  };
}

/** The OpenAPI 3.1 description of these routes. */
export function openApiDocument(routes: readonly RouteDeclaration[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const declaration of routes) {
    const path = openApiPath(declaration.path);
    paths[path] = { ...paths[path], [declaration.method.toLowerCase()]: operationOf(declaration) };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Lockstep API", version: "0.1.0", description: "Applications, their diff against Git, operations (queued, recorded with their caller), history, and the CD half." },
    paths,
    security: [{ apiToken: [] }, { session: [] }],
    components: { securitySchemes: SECURITY_SCHEMES, schemas: { Error: ERROR_SCHEMA } },
  };
}
