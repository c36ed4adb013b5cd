/** Operations on an application: sync, rollback, termination and resuming automated sync. Each records its caller. */
import { z } from "zod";
import { declareRoute } from "../_shared/declaration";
import { APP_ERRORS, error, INVALID } from "./answers";
import { flag } from "./query";

const waitQuery = z.object({ wait: flag("Answer only once the operation has ended (200), instead of at once (202).") });

const QUEUED = {
  200: { description: "With `wait=true`: the operation, ended." },
  202: { description: "Queued: the operation; `Location` is its URL (/api/apps/<name>/operations/<id>)." },
} as const;

export const syncRoute = declareRoute({
  method: "POST",
  path: "/api/apps/[name]/sync",
  permission: "deployer",
  action: "app.sync",
  summary: "Sync the application",
  description: "Queues a sync (optionally a dry run, pruning, or only some resources) recorded with the caller.",
  query: waitQuery,
  body: z.object({
    dryRun: z.boolean({ error: "dryRun must be true or false." }).default(false),
    prune: z.boolean({ error: "prune must be true or false." }).optional(),
    resources: z.array(z.string().min(1), { error: "resources must be a list of subjects (Kind/namespace/name)." }).default([]),
    syncAnyway: z.boolean({ error: "syncAnyway must be true or false." }).optional(),
  }),
  responses: { ...QUEUED, ...APP_ERRORS, 403: error("The app's project refuses it now (a closed sync window, its repository or destination)."), 409: error("An operation is already queued or running."), ...INVALID },
});

export const rollbackRoute = declareRoute({
  method: "POST",
  path: "/api/apps/[name]/rollback",
  permission: "deployer",
  action: "app.rollback",
  summary: "Roll back to an earlier successful history entry",
  description:
    "Applies that entry's stored manifests (not Git) and pauses automated sync. With `dryRun`, answers what would change per resource (200) and changes nothing.",
  query: waitQuery,
  body: z.object({
    operationId: z.string({ error: "operationId is required: the id of the history entry to roll back to." }).min(1, "operationId is required: the id of the history entry to roll back to."),
    prune: z.boolean({ error: "prune must be true or false." }).optional(),
    dryRun: z.boolean({ error: "dryRun must be true or false." }).default(false),
    syncAnyway: z.boolean({ error: "syncAnyway must be true or false." }).optional(),
  }),
  responses: { ...QUEUED, ...APP_ERRORS, 403: error("The app's project refuses it now (a closed sync window, its repository or destination)."), 409: error("An operation is already queued or running."), ...INVALID },
});

export const resumeAutoSyncRoute = declareRoute({
  method: "POST",
  path: "/api/apps/[name]/resume-auto-sync",
  permission: "deployer",
  action: "app.resume-auto-sync",
  summary: "End a rollback",
  description: "Turns automated sync back on (if the rollback paused it) and queues a sync of Git's version.",
  responses: { 200: { description: "The application, and the queued operation (or null)." }, ...APP_ERRORS },
});

export const operationRoute = declareRoute({
  method: "GET",
  path: "/api/apps/[name]/operations/[id]",
  permission: "viewer",
  summary: "One operation's status and per-resource results",
  responses: { 200: { description: "The operation." }, ...APP_ERRORS },
});

export const terminateRoute = declareRoute({
  method: "POST",
  path: "/api/apps/[name]/operations/[id]/terminate",
  permission: "deployer",
  action: "app.terminate",
  summary: "Terminate a queued or running operation",
  description: "Marks the operation Terminating; it stops before its next resource and ends Failed with the message `terminated by <who>`.",
  responses: { 200: { description: "The operation, now Terminating." }, ...APP_ERRORS, 409: error("The operation has already ended.") },
});

export const rollbackCommitPreviewRoute = declareRoute({
  method: "GET",
  path: "/api/apps/[name]/rollback/commit",
  permission: "deployer",
  summary: "Preview making a rollback permanent",
  description:
    "Which files under the app's path a commit restoring the rolled-back revision would add, change or delete, computed in a throwaway clone; nothing is pushed. `allowed` says whether the app's project permits the commit.",
  responses: {
    200: { description: "`{ historyId, revision, branch, path, head, files: [{ path, change: added|changed|deleted }], allowed }`." },
    ...APP_ERRORS,
    409: error("The app is not rolled back."),
    502: error("The config repository could not be read."),
  },
});

export const rollbackCommitRoute = declareRoute({
  method: "POST",
  path: "/api/apps/[name]/rollback/commit",
  permission: "deployer",
  action: "app.rollback-commit",
  summary: "Make a rollback permanent",
  description:
    "Commits the rolled-back revision's files under the app's path to its config repository (retrying when the branch moved), with a message naming the caller and the history entry; then turns automated sync back on and compares the app, which finds Git matching what runs.",
  status: 201,
  responses: {
    201: { description: "`{ commit, historyId, message }`: the pushed commit, the history entry restored and the commit message." },
    ...APP_ERRORS,
    403: error("The caller may not deploy this app, or its project forbids making a rollback permanent (`rollback.allowCommit: false`)."),
    409: error("The app is not rolled back, an operation is running, or Git already has the rolled-back files."),
    422: error("The app's target revision is not a branch."),
    502: error("The config repository could not be read or refused the push."),
  },
});
