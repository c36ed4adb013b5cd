/**
 * The JSON columns of the schema, each with the zod schema its values must match. Every read
 * of such a column goes through {@link readJsonColumn}, so a row that does not match raises a
 * {@link CorruptRowError} naming the table, column and row, instead of flowing on untyped.
 */
import { z } from "zod";
import { ignoreDifferencesSchema } from "@/lib/apps/spec";
import { appSourceSchema } from "@/lib/apps/source-spec";
import { destinationSchema, groupKindSchema, projectRoleSchema, rollbackPolicySchema, syncWindowSchema } from "@/lib/projects/schema";
import { CONDITION_TYPES, HOOK_PHASES, HOOK_STATES, RESOURCE_ACTIONS, SYNC_STATUSES } from "@/lib/types";
import { CorruptRowError } from "./corrupt-row-error";

/** `AppStatus.conditions`: the app's problems, as Argo CD names them. */
export const appConditionsSchema = z.array(
  z.object({ type: z.enum(CONDITION_TYPES), message: z.string(), observedAt: z.string() }),
);

/** `App.source`: the source type and its options, as validated when written. */
export const appSourceColumnSchema = appSourceSchema;

/** One changed field of a drifted resource and who wrote it (see lib/drift's `FieldChange`). */
const fieldChangeSchema = z.object({
  path: z.string(),
  manager: z.string().optional(),
  operation: z.string().optional(),
  subresource: z.string().optional(),
  changedAt: z.string().optional(),
});

/**
 * One row of `AppStatus.resources`: the fields every stored row has, checked; the engine's
 * further fields (health, messages, api version) pass through as they are.
 */
export const statusResourceRowSchema = z.looseObject({
  subject: z.string(),
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  status: z.enum(SYNC_STATUSES),
  state: z.string(),
  changedPaths: z.array(z.string()),
  driftSince: z.string().optional(),
  changes: z.array(fieldChangeSchema).optional(),
});

/** `AppStatus.resources`: the per-resource rows of the last refresh. */
export const statusResourcesSchema = z.array(statusResourceRowSchema);

/** A stored resource row as validated. */
export type StatusResourceRow = z.infer<typeof statusResourceRowSchema>;

/** `App.ignoreDifferences`: the app's rules, validated as on input (lib/apps/spec.ts). */
export const appIgnoreDifferencesSchema = ignoreDifferencesSchema;

/** `Operation.results`: what the operation did to each resource. */
export const operationResultsSchema = z.array(
  z.object({
    subject: z.string(),
    group: z.string(),
    kind: z.string(),
    namespace: z.string(),
    name: z.string(),
    action: z.enum(RESOURCE_ACTIONS),
    message: z.string().optional(),
    hook: z.object({ phase: z.enum(HOOK_PHASES), state: z.enum(HOOK_STATES) }).optional(),
  }),
);

/** `Operation.log`: retries, termination requests and notes, in order. */
export const operationLogSchema = z.array(z.object({ at: z.string(), message: z.string() }));

/** `Operation.request`: what the caller asked beyond the columns (selected resources). */
export const operationRequestSchema = z.object({ resources: z.array(z.string()).optional() });

/** `User.grants`: app globs a deployer may deploy. */
export const userGrantsSchema = z.array(z.string());

/** `ApiToken.apps`: app globs a token is limited to (the column is null for every app). */
export const tokenAppsSchema = z.array(z.string());

/** `User.projects` and `ApiToken.projects`: the projects an account is limited to (the column is null for no limit). */
export const accountProjectsSchema = z.array(z.string());

/** `User.groups`: the OIDC groups of the user's last single sign-on. */
export const userGroupsSchema = z.array(z.string());

/** `Project.sourceRepos`: repository URL globs, `!` entries deny. */
export const projectSourceReposSchema = z.array(z.string());

/** `Project.destinations`: cluster and namespace globs. */
export const projectDestinationsSchema = z.array(destinationSchema);

/** `Project.clusterResources` and `Project.namespacedResourcesDeny`: kinds by group and name. */
export const projectGroupKindsSchema = z.array(groupKindSchema);

/** `Project.roles`: who has which role within the project. */
export const projectRolesSchema = z.array(projectRoleSchema);

/** `Project.syncWindows`: when apps may sync. */
export const projectSyncWindowsSchema = z.array(syncWindowSchema);

/** `Project.rollback`: whether a rollback may be made permanent by a commit to Git. */
export const projectRollbackSchema = rollbackPolicySchema;

/** The manifests an operation applied (gzip-compressed JSON in `Operation.manifests`). */
export const operationManifestsSchema = z.array(
  z.looseObject({
    apiVersion: z.string(),
    kind: z.string(),
    metadata: z.looseObject({ name: z.string(), namespace: z.string().optional() }),
  }),
);

/** Where a JSON value was read from, for the error. */
export interface ColumnLocation {
  table: string;
  column: string;
  rowId: string;
}

/**
 * Parses and validates the text of a JSON column.
 * @throws CorruptRowError when the text is not JSON or does not match `schema`.
 */
export function readJsonColumn<S extends z.ZodType>(schema: S, text: string, where: ColumnLocation): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CorruptRowError(where, { cause: error });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new CorruptRowError(where, { cause: parsed.error });
  return parsed.data;
}
