/** Across apps: the list pages' event stream, the drift report, the replicas, the audit log and refreshing many apps. */
import { z } from "zod";
import { AUDIT_RESULTS } from "@/lib/audit/results";
import { declareRoute } from "../_shared/declaration";
import { error, INVALID, VIEWER_ERRORS } from "./answers";

export const eventsRoute = declareRoute({
  method: "GET",
  path: "/api/events",
  permission: "viewer",
  summary: "The list pages' event stream (Server-Sent Events)",
  description: "Status, operation and deletion changes of the apps the caller may see, nothing about resources; resumes from `Last-Event-ID`.",
  responses: { 200: { description: "An event stream.", contentType: "text/event-stream" }, ...VIEWER_ERRORS },
});

export const driftRoute = declareRoute({
  method: "GET",
  path: "/api/drift",
  permission: "viewer",
  summary: "Every out-of-sync resource across the apps the caller may see",
  description: "Oldest drift first, with the changed fields and the field managers that wrote them; `format=csv` answers a CSV download.",
  query: z.object({
    app: z.string().max(63).optional(),
    project: z.string().max(63).optional(),
    namespace: z.string().max(63).optional(),
    format: z.enum(["json", "csv"], { error: 'Format must be "json" or "csv".' }).default("json"),
  }),
  responses: { 200: { description: "The drift report (JSON) or a CSV download." }, ...VIEWER_ERRORS, ...INVALID },
});

export const clusterStatusRoute = declareRoute({
  method: "GET",
  path: "/api/cluster-status",
  permission: "viewer",
  summary: "The Lockstep replicas sharing this database and the shards each holds",
  description: "From the shard Leases as this replica last read them; a replica running alone holds the one shard. Names no secret.",
  responses: { 200: { description: "This replica's identity, the shard count, each live replica with its shards, and unheld shards." }, ...VIEWER_ERRORS },
});

export const auditRoute = declareRoute({
  method: "GET",
  path: "/api/audit",
  permission: "viewer",
  summary: "The audit log, newest first (read-only)",
  description: "Filtered; `format=csv` downloads it as CSV. No route changes or deletes an entry.",
  query: z.object({
    actor: z.string().max(200).optional(),
    app: z.string().max(253).optional(),
    action: z.string().max(100).optional(),
    result: z.enum(AUDIT_RESULTS).optional(),
    since: z.coerce.date({ error: "since must be a date." }).optional(),
    until: z.coerce.date({ error: "until must be a date." }).optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
    format: z.enum(["json", "csv"]).default("json"),
  }),
  responses: { 200: { description: "Entries and total (JSON), or a CSV download." }, ...VIEWER_ERRORS, ...INVALID },
});

export const refreshManyRoute = declareRoute({
  method: "POST",
  path: "/api/refresh",
  permission: "deployer",
  action: "apps.refresh",
  summary: "Refresh many apps as one cycle",
  description:
    "The named apps, each of which the caller must be allowed to refresh, or without names every app the caller may refresh (only those of `project` when it is given); one `ls-remote` per repository.",
  body: z
    .object({
      apps: z.array(z.string().min(1).max(63), { error: "apps must be a list of application names." }).max(10_000).optional(),
      project: z.string({ error: "project must be a project name." }).min(1).max(63).optional(),
      hard: z.boolean({ error: "hard must be true or false." }).default(false),
    })
    .refine((body) => body.apps === undefined || body.project === undefined, { error: "Give either apps or project, not both.", path: ["project"] }),
  responses: { 200: { description: "Each app's new status." }, ...VIEWER_ERRORS, 403: error("Not allowed to refresh one of the named apps."), ...INVALID },
});
