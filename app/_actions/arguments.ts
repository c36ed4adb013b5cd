/**
 * The arguments of every server action, as zod tuples. A server action is a public endpoint:
 * its arguments come from the client as data (a `Next-Action` request can send anything), so
 * each action parses them before using them. Tuples refuse extra arguments and objects refuse
 * unknown keys, so nothing the form did not offer reaches the engine (such as a `kind` or
 * `rollbackOf` slipped into the sync options to falsify a history record).
 */
import { z } from "zod";

const name = z.string().min(1).max(253);
const operationId = z.string().min(1).max(200);
/** What a form submitted through `useActionState` gives: the previous state, which the action ignores. */
const previousState = z.unknown();
const formData = z.custom<FormData>((value) => typeof value === "object" && value !== null && typeof (value as FormData).get === "function" && typeof (value as FormData).entries === "function", "Expected form data.");

/** The options of the Sync dialog. */
export const syncOptionsSchema = z.strictObject({
  prune: z.boolean(),
  dryRun: z.boolean(),
  resources: z.array(z.string().min(1).max(1000)).max(10_000),
  syncAnyway: z.boolean().optional(),
});

/** The arguments of each server action, by action. */
export const ACTION_ARGUMENTS = {
  createApp: z.tuple([previousState, formData]),
  refresh: z.tuple([name, z.strictObject({ hard: z.boolean().optional() }).optional()]),
  sync: z.tuple([name, syncOptionsSchema]),
  delete: z.tuple([name, z.boolean()]),
  previewRollback: z.tuple([name, operationId, z.boolean()]),
  rollback: z.tuple([name, operationId, z.boolean()]),
  resumeAutoSync: z.tuple([name]),
  previewRollbackCommit: z.tuple([name]),
  commitRollback: z.tuple([name]),
  terminate: z.tuple([name, operationId]),
  createProject: z.tuple([previousState, formData]),
  updateProject: z.tuple([name, previousState, formData]),
  deleteProject: z.tuple([name]),
  promote: z.tuple([name, name]),
  approvePromotion: z.tuple([name, operationId]),
};

/** The answer of an action called with arguments its schema refuses. */
export const INVALID_ARGUMENTS = { error: "The request is invalid." } as const;

/** The app or project name an action's first argument gives, for authorizing before the rest is parsed; undefined when it is not a string. */
export function nameArgument(args: readonly unknown[]): string | undefined {
  return typeof args[0] === "string" ? args[0] : undefined;
}
