import { z } from "zod";
import { appSpecSchema, appUpdateSchema } from "@/lib/apps/spec";
import { authPaths, authSchemas, authSecuritySchemes, defaultSecurity } from "./auth-spec";
import { cdPaths, cdSchemas } from "./cd-spec";

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
        post: {
          summary: "Compare with Git and the cluster now",
          parameters: [{ name: "hard", in: "query", schema: { type: "boolean", default: false }, description: "Render the manifests again even if the commit did not move." }],
          responses: { "200": { description: "The new status.", content: json("App") }, "404": error("No such application.") },
        },
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
      "/api/apps/{name}/operations/{id}/terminate": {
        parameters: [nameParam, { name: "id", in: "path", required: true, schema: { type: "string" } }],
        post: {
          summary: "Terminate a running operation",
          description: "Marks the operation Terminating; it stops before its next resource and ends Failed with the message `terminated by <who>`. Works whichever process runs the operation.",
          responses: { "200": { description: "The operation, now Terminating.", content: json("Operation") }, "404": error("No such application or operation."), "409": error("The operation has already ended.") },
        },
      },
      "/api/apps/{name}/history/compare": {
        parameters: [
          nameParam,
          { name: "from", in: "query", required: true, schema: { type: "string" }, description: "Id of the older history entry." },
          { name: "to", in: "query", required: true, schema: { type: "string" }, description: "Id of the newer history entry." },
        ],
        get: {
          summary: "Compare the manifests of two history entries (Secret values masked)",
          responses: { "200": { description: "Per-resource diffs.", content: json("HistoryComparison") }, "404": error("No such application or operation."), "422": error("Missing parameter, or an entry without stored manifests.") },
        },
      },
      "/api/apps/{name}/rollback": {
        parameters: [nameParam],
        post: {
          summary: "Roll back to an earlier history entry",
          description: "Re-applies the manifests a successful, non-dry-run operation stored (not re-rendered from Git; Git is never written), pruning by the app's setting or `prune`, and turns automated sync off. With `dryRun`, answers the per-resource diff the rollback would make and changes nothing.",
          requestBody: { required: true, content: json("RollbackRequest") },
          responses: {
            "200": { description: "The completed rollback operation, or with `dryRun` the preview.", content: { "application/json": { schema: { oneOf: [{ $ref: "#/components/schemas/Operation" }, { $ref: "#/components/schemas/RollbackPreview" }] } } } },
            "404": error("No such application or operation."),
            "409": error("An operation is already in progress."),
            "422": error("Invalid request, or an entry that cannot be rolled back to (failed, dry run, no manifests)."),
            "502": error("The cluster could not be reached."),
          },
        },
      },
      "/api/apps/{name}/tree": {
        parameters: [nameParam, { name: "node", in: "query", schema: { type: "string" }, description: "A node's uid (or subject, for a resource not in the cluster): answer its details instead." }],
        get: {
          summary: "Resource tree, or one node's details",
          description: "The app's resources and, by ownerReferences, what their controllers made (Deployment → ReplicaSet → Pod, Job → Pod, Service → EndpointSlice), with sync status and health. With `node`: its live YAML (Secret values masked, managedFields left out), diff against Git, changed fields with their field managers and its Kubernetes Events.",
          responses: {
            "200": { description: "The tree (`{nodes}`), or with `node` the node's details.", content: { "application/json": { schema: { oneOf: [{ $ref: "#/components/schemas/ResourceTree" }, { $ref: "#/components/schemas/ResourceDetail" }] } } } },
            "404": error("No such application, or no such node in its tree."),
          },
        },
      },
      "/api/apps/{name}/events": {
        parameters: [nameParam],
        get: {
          summary: "Live events of one application (Server-Sent Events)",
          description: "A `text/event-stream`: `change` events (`{type, app, detail, at}`; type `app-status`, `operation`, `resource` or `k8s-event`) for the app, a `ready` event on open, and after a reconnect with `Last-Event-ID` the missed events or a `resync` event.",
          responses: { "200": { description: "The event stream.", content: { "text/event-stream": { schema: { type: "string" } } } }, "404": error("No such application.") },
        },
      },
      "/api/events": {
        get: {
          summary: "Live status changes of all applications (Server-Sent Events)",
          description: "A `text/event-stream` of `change` events (`app-status`, `operation`, `app-deleted`) with only sync status, health and phase, for the apps the caller may see; resumes from `Last-Event-ID`.",
          responses: { "200": { description: "The event stream.", content: { "text/event-stream": { schema: { type: "string" } } } } },
        },
      },
      "/api/refresh": {
        post: {
          summary: "Refresh many applications at once",
          description: "Compares the named applications (or, without names, every one the caller may refresh) with Git and the cluster as one cycle: one ls-remote per repository for all of them. Answers once all are done.",
          requestBody: {
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { apps: { type: "array", items: { type: "string" } }, hard: { type: "boolean", default: false, description: "Render the manifests again even if the commit did not move." } },
                },
              },
            },
          },
          responses: {
            "200": {
              description: "Each application's new status.",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      apps: {
                        type: "array",
                        items: {
                          type: "object",
                          properties: { name: { type: "string" }, syncStatus: { type: "string" }, healthStatus: { type: "string" }, revision: { type: "string" }, error: { type: "string" } },
                        },
                      },
                    },
                  },
                },
              },
            },
            "403": error("The caller may not refresh one of the named applications."),
            "404": error("No such application."),
            "422": error("Invalid request."),
          },
        },
      },
      "/api/drift": {
        get: {
          summary: "Drift across all applications",
          description: "Every out-of-sync resource of the apps the caller may see, oldest drift first, with the changed fields, the field manager that wrote each and when the drift was first seen.",
          parameters: [
            { name: "app", in: "query", schema: { type: "string" } },
            { name: "namespace", in: "query", schema: { type: "string" } },
            { name: "format", in: "query", schema: { enum: ["json", "csv"], default: "json" }, description: "`csv` answers a download with one row per changed field." },
          ],
          responses: {
            "200": { description: "The report.", content: { ...json("DriftReport"), "text/csv": { schema: { type: "string" } } } },
            "422": error("Invalid query."),
          },
        },
      },
      "/api/apps/{name}/resume-auto-sync": {
        parameters: [nameParam],
        post: {
          summary: "Resume automated sync after a rollback",
          description: "Turns automated sync back on if a rollback paused it, forgets the rollback and syncs Git's version now.",
          responses: { "200": { description: "The app and the sync operation (null when an automated sync was already running).", content: json("ResumeResult") }, "404": error("No such application."), "409": error("Not rolled back, or an operation is in progress.") },
        },
      },
      ...cdPaths,
      ...authPaths,
    },
    security: defaultSecurity,
    components: {
      securitySchemes: { ...authSecuritySchemes, ciToken: { type: "http", scheme: "bearer", description: "LOCKSTEP_CI_TOKEN, for POST /api/images." } },
      schemas: {
        ...cdSchemas(),
        ...authSchemas(),
        AppSpec: z.toJSONSchema(appSpecSchema, { io: "input" }),
        AppUpdate: z.toJSONSchema(appUpdateSchema, { io: "input" }),
        App: {
          allOf: [
            { $ref: "#/components/schemas/AppSpec" },
            {
              type: "object",
              properties: {
                id: { type: "string" },
                createdAt: { type: "string" },
                updatedAt: { type: "string" },
                rolledBackTo: { type: ["string", "null"], description: "Commit SHA a rollback re-applied, until Git's version is synced again." },
                rolledBackAt: { type: ["string", "null"] },
                autoSyncPaused: { type: "boolean", description: "A rollback turned automated sync off; resume turns it back on." },
                status: { $ref: "#/components/schemas/AppStatus" },
              },
            },
          ],
        },
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
              items: {
                type: "object",
                properties: {
                  subject: { type: "string" },
                  status: { enum: ["Synced", "OutOfSync"] },
                  state: { enum: ["synced", "modified", "missing", "prunable"] },
                  changedPaths: { type: "array", items: { type: "string" } },
                  diff: { type: "string" },
                  health: { $ref: "#/components/schemas/Health" },
                  changes: { type: "array", items: { $ref: "#/components/schemas/FieldChange" }, description: "For a modified resource: each changed field and the field manager that wrote it." },
                  driftSince: { type: "string", description: "When the resource was first seen out of sync." },
                },
              },
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
            revisionSubject: { type: ["string", "null"] },
            revisionAuthor: { type: ["string", "null"] },
            initiator: { type: "string" },
            dryRun: { type: "boolean" },
            prune: { type: "boolean" },
            startedAt: { type: "string" },
            finishedAt: { type: ["string", "null"] },
            results: { type: "array", items: { type: "object", properties: { subject: { type: "string" }, action: { enum: ["created", "configured", "unchanged", "pruned", "failed", "skipped"] }, message: { type: "string" } } } },
            log: { type: "array", description: "Retries and notes, in order.", items: { type: "object", properties: { at: { type: "string" }, message: { type: "string" } } } },
            resourceCount: { type: ["integer", "null"], description: "Resources the operation plans to apply or prune." },
            terminatedBy: { type: ["string", "null"] },
            rollbackOf: { type: ["string", "null"], description: "For a rollback: the history entry re-applied." },
          },
        },
        RollbackRequest: {
          type: "object",
          required: ["operationId"],
          properties: {
            operationId: { type: "string", description: "The history entry to roll back to." },
            prune: { type: "boolean", description: "Delete the app's objects that are not in that entry's manifests. Default: the app's prune setting." },
            dryRun: { type: "boolean", default: false, description: "Answer the per-resource diff only." },
          },
        },
        RollbackPreview: {
          type: "object",
          properties: {
            target: { type: "object", properties: { id: { type: "string" }, revision: { type: ["string", "null"] }, revisionSubject: { type: ["string", "null"] }, revisionAuthor: { type: ["string", "null"] }, startedAt: { type: "string" } } },
            prune: { type: "boolean" },
            syncStatus: { enum: ["Synced", "OutOfSync", "Unknown"] },
            resources: {
              type: "array",
              items: { type: "object", properties: { subject: { type: "string" }, state: { enum: ["synced", "modified", "missing", "prunable"] }, action: { enum: ["create", "update", "unchanged", "prune", "keep"] }, changedPaths: { type: "array", items: { type: "string" } }, diff: { type: "string" }, error: { type: "string" } } },
            },
          },
        },
        HistoryComparison: {
          type: "object",
          properties: {
            from: { type: "object", properties: { id: { type: "string" }, kind: { type: "string" }, phase: { type: "string" }, revision: { type: ["string", "null"] }, revisionSubject: { type: ["string", "null"] }, startedAt: { type: "string" } } },
            to: { type: "object", properties: { id: { type: "string" }, kind: { type: "string" }, phase: { type: "string" }, revision: { type: ["string", "null"] }, revisionSubject: { type: ["string", "null"] }, startedAt: { type: "string" } } },
            resources: {
              type: "array",
              items: { type: "object", properties: { subject: { type: "string" }, change: { enum: ["added", "removed", "changed", "unchanged"] }, changedPaths: { type: "array", items: { type: "string" } }, diff: { type: "string" } } },
            },
          },
        },
        FieldChange: {
          type: "object",
          properties: {
            path: { type: "string", description: "Field path, e.g. spec.template.spec.containers[name=web].image." },
            manager: { type: "string", description: "The field manager that wrote the live value, e.g. kubectl-set." },
            operation: { enum: ["Update", "Apply"] },
            subresource: { type: "string", description: "E.g. scale, for `kubectl scale`." },
            changedAt: { type: "string", description: "When that manager last wrote the object, when recorded." },
          },
        },
        Health: { type: "object", properties: { status: { enum: ["Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown"] }, message: { type: "string" } } },
        TreeNode: {
          type: "object",
          properties: {
            id: { type: "string", description: "The object's uid, or its subject when it is not in the cluster." },
            subject: { type: "string" },
            apiVersion: { type: "string" },
            kind: { type: "string" },
            namespace: { type: "string" },
            name: { type: "string" },
            sync: { enum: ["Synced", "OutOfSync", "Unknown"], description: "Only for the app's own resources." },
            state: { enum: ["synced", "modified", "missing", "prunable"] },
            health: { $ref: "#/components/schemas/Health" },
            children: { type: "array", items: { $ref: "#/components/schemas/TreeNode" } },
          },
        },
        ResourceTree: { type: "object", properties: { nodes: { type: "array", items: { $ref: "#/components/schemas/TreeNode" } } } },
        KubeEvent: {
          type: "object",
          properties: { uid: { type: "string" }, type: { type: "string" }, reason: { type: "string" }, message: { type: "string" }, object: { type: "string" }, count: { type: "integer" }, lastSeen: { type: "string" } },
        },
        ResourceDetail: {
          type: "object",
          properties: {
            node: { $ref: "#/components/schemas/TreeNode" },
            liveYaml: { type: "string", description: "Secret values masked." },
            diff: { type: "string" },
            changes: { type: "array", items: { $ref: "#/components/schemas/FieldChange" } },
            driftSince: { type: "string" },
            events: { type: "array", items: { $ref: "#/components/schemas/KubeEvent" } },
          },
        },
        DriftReport: {
          type: "object",
          properties: {
            entries: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  app: { type: "string" },
                  subject: { type: "string" },
                  kind: { type: "string" },
                  namespace: { type: "string" },
                  name: { type: "string" },
                  state: { enum: ["modified", "missing", "prunable"] },
                  driftSince: { type: "string" },
                  changes: { type: "array", items: { $ref: "#/components/schemas/FieldChange" } },
                },
              },
            },
            apps: { type: "array", items: { type: "string" } },
            namespaces: { type: "array", items: { type: "string" } },
          },
        },
        ResumeResult: {
          type: "object",
          properties: { app: { $ref: "#/components/schemas/App" }, operation: { oneOf: [{ $ref: "#/components/schemas/Operation" }, { type: "null" }] } },
        },
        Error: { type: "object", required: ["error"], properties: { error: { type: "string" }, fields: { type: "array", items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } } } } } },
      },
    },
  };
}
