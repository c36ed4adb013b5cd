import { z } from "zod";
import { appSpecSchema, appUpdateSchema } from "@/lib/apps/spec";

const json = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
const error = (description: string) => ({ description, content: json("Error") });
const nameParam = { name: "name", in: "path", required: true, schema: { type: "string" }, description: "Application name." };

/** The OpenAPI 3.1 description of Lockstep's REST API. */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: { title: "Lockstep API", version: "0.1.0", description: "Applications, their diff against Git, sync and history." },
    paths: {
      "/api/apps": {
        get: {
          summary: "List applications",
          parameters: [
            { name: "q", in: "query", schema: { type: "string" }, description: "Search in name, repository URL and namespace." },
            { name: "sync", in: "query", schema: { enum: ["Synced", "OutOfSync", "Unknown"] } },
            { name: "page", in: "query", schema: { type: "integer", minimum: 1, default: 1 } },
            { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
          ],
          responses: { "200": { description: "A page of applications.", content: json("AppList") }, "422": error("Invalid query.") },
        },
        post: {
          summary: "Create an application",
          requestBody: { required: true, content: json("AppSpec") },
          responses: { "201": { description: "Created.", content: json("App") }, "409": error("Name taken."), "422": error("Invalid spec, field by field.") },
        },
      },
      "/api/apps/{name}": {
        parameters: [nameParam],
        get: { summary: "Get an application", responses: { "200": { description: "The application.", content: json("App") }, "404": error("No such application.") } },
        patch: {
          summary: "Update an application",
          requestBody: { required: true, content: json("AppUpdate") },
          responses: { "200": { description: "Updated.", content: json("App") }, "404": error("No such application."), "422": error("Invalid fields.") },
        },
        delete: {
          summary: "Delete an application",
          parameters: [{ name: "cascade", in: "query", schema: { type: "boolean", default: false }, description: "Also delete its resources from the cluster." }],
          responses: { "200": { description: "Deleted." }, "404": error("No such application.") },
        },
      },
      "/api/apps/{name}/refresh": {
        parameters: [nameParam],
        post: { summary: "Compare with Git and the cluster now", responses: { "200": { description: "The new status.", content: json("App") }, "404": error("No such application.") } },
      },
      "/api/apps/{name}/diff": {
        parameters: [nameParam, { name: "refresh", in: "query", schema: { type: "boolean" }, description: "Compare now instead of using a comparison up to 10 s old." }],
        get: { summary: "Per-resource diff (Secret values masked)", responses: { "200": { description: "The diff.", content: json("Diff") }, "404": error("No such application.") } },
      },
      "/api/apps/{name}/sync": {
        parameters: [nameParam],
        post: {
          summary: "Sync the application",
          requestBody: { content: json("SyncRequest") },
          responses: { "200": { description: "The completed operation.", content: json("Operation") }, "404": error("No such application."), "409": error("An operation is already in progress."), "422": error("Invalid request.") },
        },
      },
      "/api/apps/{name}/history": {
        parameters: [nameParam],
        get: { summary: "Operations, newest first", responses: { "200": { description: "History.", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Operation" } } } } } } },
      },
      "/api/apps/{name}/operations/{id}": {
        parameters: [nameParam, { name: "id", in: "path", required: true, schema: { type: "string" } }],
        get: { summary: "Operation status", responses: { "200": { description: "The operation.", content: json("Operation") }, "404": error("No such operation.") } },
      },
    },
    components: {
      schemas: {
        AppSpec: z.toJSONSchema(appSpecSchema, { io: "input" }),
        AppUpdate: z.toJSONSchema(appUpdateSchema, { io: "input" }),
        App: { allOf: [{ $ref: "#/components/schemas/AppSpec" }, { type: "object", properties: { id: { type: "string" }, createdAt: { type: "string" }, updatedAt: { type: "string" }, status: { $ref: "#/components/schemas/AppStatus" } } }] },
        AppStatus: {
          type: "object",
          properties: {
            syncStatus: { enum: ["Synced", "OutOfSync", "Unknown"] },
            healthStatus: { type: "string" },
            revision: { type: ["string", "null"] },
            revisionSubject: { type: ["string", "null"] },
            revisionAuthor: { type: ["string", "null"] },
            revisionDate: { type: ["string", "null"] },
            conditions: { type: "array", items: { type: "object", properties: { type: { type: "string" }, message: { type: "string" }, observedAt: { type: "string" } } } },
            reconciledAt: { type: ["string", "null"] },
          },
        },
        AppList: { type: "object", properties: { rows: { type: "array", items: { $ref: "#/components/schemas/App" } }, total: { type: "integer" }, page: { type: "integer" }, pageSize: { type: "integer" } } },
        Diff: {
          type: "object",
          properties: {
            syncStatus: { enum: ["Synced", "OutOfSync", "Unknown"] },
            resources: {
              type: "array",
              items: { type: "object", properties: { subject: { type: "string" }, status: { enum: ["Synced", "OutOfSync"] }, state: { enum: ["synced", "modified", "missing", "prunable"] }, changedPaths: { type: "array", items: { type: "string" } }, diff: { type: "string" } } },
            },
          },
        },
        SyncRequest: { type: "object", properties: { dryRun: { type: "boolean" }, prune: { type: "boolean" }, resources: { type: "array", items: { type: "string" }, description: "Subjects such as Deployment/ns/name; all when empty." } } },
        Operation: {
          type: "object",
          properties: {
            id: { type: "string" },
            kind: { enum: ["sync", "auto-sync", "self-heal", "rollback"] },
            phase: { enum: ["Running", "Terminating", "Succeeded", "Failed", "Error"] },
            message: { type: ["string", "null"] },
            revision: { type: ["string", "null"] },
            initiator: { type: "string" },
            startedAt: { type: "string" },
            finishedAt: { type: ["string", "null"] },
            results: { type: "array", items: { type: "object", properties: { subject: { type: "string" }, action: { enum: ["created", "configured", "unchanged", "pruned", "failed", "skipped"] }, message: { type: "string" } } } },
          },
        },
        Error: { type: "object", required: ["error"], properties: { error: { type: "string" }, fields: { type: "array", items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } } } } } },
      },
    },
  };
}
