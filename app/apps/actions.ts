"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { appSpecSchema, fieldErrors, type FieldError } from "@/lib/apps/spec";
import type { OperationRecord } from "@/lib/engine/facade";
import { getEngine } from "@/lib/engine/current";
import type { RollbackPreview } from "@/lib/engine/rollback";
import type { RollbackCommitPreview } from "@/lib/engine/rollback-commit";
import { isDomainError } from "@/lib/errors";
import { isCompleted, isSuccessful } from "@/lib/types";
import { ACTION_ARGUMENTS, INVALID_ARGUMENTS, nameArgument } from "../_actions/arguments";
import { noteActionDetail, noteActionFailure, requireUser } from "../_auth/session";

/** What a form action answers: field errors, a general error, or a success message. */
export interface ActionState {
  fields?: FieldError[];
  error?: string;
  message?: string;
  /** What the user typed, given back so a refused form keeps its input. */
  values?: Record<string, string>;
}

async function failure(error: unknown): Promise<ActionState> {
  const message = isDomainError(error) ? error.message : "Something went wrong; the server log has the details.";
  if (!isDomainError(error)) console.error(error);
  await noteActionFailure(message);
  return { error: message };
}

/** What to tell the user about an operation just requested: its outcome once ended, else that it is under way. */
function operationState(operation: OperationRecord, done: string, verb: string): ActionState {
  if (!isCompleted(operation.phase)) return { message: `${verb} is under way; this page follows its progress.` };
  return isSuccessful(operation.phase) ? { message: operation.message ?? done } : { error: operation.message ?? `${verb} ${operation.phase}.` };
}

function checkbox(form: FormData, name: string): boolean {
  return form.get(name) === "on" || form.get(name) === "true";
}

/**
 * The `source` block the form describes: the chosen type, `directory.recurse`, and the Helm
 * release name and values files (comma-separated); undefined when the form asks for nothing.
 */
function sourceFromForm(form: FormData): Record<string, unknown> | undefined {
  const type = String(form.get("sourceType") ?? "");
  const releaseName = String(form.get("helmReleaseName") ?? "").trim();
  const valueFiles = String(form.get("helmValueFiles") ?? "").split(",").map((f) => f.trim()).filter((f) => f !== "");
  const helm = { ...(releaseName ? { releaseName } : {}), ...(valueFiles.length > 0 ? { valueFiles } : {}) };
  const source = {
    ...(type ? { type } : {}),
    ...(checkbox(form, "directoryRecurse") ? { directory: { recurse: true } } : {}),
    ...(Object.keys(helm).length > 0 ? { helm } : {}),
  };
  return Object.keys(source).length > 0 ? source : undefined;
}

/** Creates an application from the New application form. */
export async function createAppAction(...args: [state: ActionState, form: FormData]): Promise<ActionState> {
  const parsedArguments = ACTION_ARGUMENTS.createApp.safeParse(args);
  const form = parsedArguments.success ? parsedArguments.data[1] : undefined;
  const user = await requireUser("admin", (form && String(form.get("name") ?? "")) || undefined, { action: "app.create" });
  if (!form) return INVALID_ARGUMENTS;
  const parsed = appSpecSchema.safeParse({
    name: String(form.get("name") ?? ""),
    repoUrl: String(form.get("repoUrl") ?? ""),
    targetRevision: String(form.get("targetRevision") ?? ""),
    path: String(form.get("path") ?? ""),
    destCluster: String(form.get("destCluster") ?? ""),
    destNamespace: String(form.get("destNamespace") ?? ""),
    project: String(form.get("project") ?? "") || undefined,
    automated: checkbox(form, "automated"),
    prune: checkbox(form, "prune"),
    selfHeal: checkbox(form, "selfHeal"),
    createNamespace: checkbox(form, "createNamespace"),
    source: sourceFromForm(form),
  });
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  if (!parsed.success) return { fields: fieldErrors(parsed.error), values };
  try {
    await getEngine().apps.create(parsed.data, user);
  } catch (error) {
    return { ...(await failure(error)), values };
  }
  revalidatePath("/");
  redirect(`/apps/${parsed.data.name}`);
}

/** Compares the app with Git and the cluster now; `hard` renders the manifests again even if the commit did not move. */
export async function refreshAction(...args: [name: string, options?: { hard?: boolean }]): Promise<ActionState> {
  await requireUser("deployer", nameArgument(args), { action: "app.refresh" });
  const parsed = ACTION_ARGUMENTS.refresh.safeParse(args);
  if (!parsed.success) return INVALID_ARGUMENTS;
  const [name, options = {}] = parsed.data;
  try {
    await getEngine().apps.refresh(name, { hard: options.hard === true });
  } catch (error) {
    return failure(error);
  }
  revalidatePath(`/apps/${name}`);
  return { message: options.hard ? "Rendered again and refreshed." : "Refreshed." };
}

/**
 * Requests a sync with the options chosen in the Sync dialog, recorded with the signed-in user.
 * `syncAnyway` overrides a closed sync window; the engine allows it to admins only.
 */
export async function syncAction(...args: [name: string, options: { prune: boolean; dryRun: boolean; resources: string[]; syncAnyway?: boolean }]): Promise<ActionState> {
  const user = await requireUser("deployer", nameArgument(args), { action: "app.sync" });
  const parsed = ACTION_ARGUMENTS.sync.safeParse(args);
  if (!parsed.success) return INVALID_ARGUMENTS;
  const [name, options] = parsed.data;
  try {
    const { prune, dryRun, resources, syncAnyway } = options;
    const operation = await getEngine().operations.requestSync(name, { prune, dryRun, resources, ...(syncAnyway === true ? { syncAnyway: true } : {}) }, user);
    const override = operation.log.find((line) => line.message.startsWith("Sync window overridden by "));
    if (override) await noteActionDetail(override.message);
    revalidatePath(`/apps/${name}`);
    return operationState(operation, "Synced.", "Sync");
  } catch (error) {
    return failure(error);
  }
}

/** Deletes the app, and its cluster resources when `cascade`. */
export async function deleteAction(...args: [name: string, cascade: boolean]): Promise<ActionState> {
  const user = await requireUser("admin", nameArgument(args), { action: "app.delete" });
  const parsed = ACTION_ARGUMENTS.delete.safeParse(args);
  if (!parsed.success) return INVALID_ARGUMENTS;
  const [name, cascade] = parsed.data;
  try {
    await getEngine().apps.delete(name, { cascade }, user);
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/");
  redirect("/");
}

/** What the rollback dialog shows before confirming: the per-resource diff, or why it cannot. */
export interface RollbackPreviewState {
  preview?: RollbackPreview;
  error?: string;
}

/** The per-resource diff a rollback to the entry would make (dry runs only; nothing changes). */
export async function previewRollbackAction(...args: [name: string, operationId: string, prune: boolean]): Promise<RollbackPreviewState> {
  await requireUser("deployer", nameArgument(args), { action: "app.rollback-preview" });
  const parsed = ACTION_ARGUMENTS.previewRollback.safeParse(args);
  if (!parsed.success) return INVALID_ARGUMENTS;
  const [name, operationId, prune] = parsed.data;
  try {
    return { preview: await getEngine().operations.previewRollback(name, { operationId, prune }) };
  } catch (error) {
    return failure(error);
  }
}

/** Rolls the app back to a history entry's manifests and pauses its automated sync. */
export async function rollbackAction(...args: [name: string, operationId: string, prune: boolean]): Promise<ActionState> {
  const user = await requireUser("deployer", nameArgument(args), { action: "app.rollback" });
  const parsed = ACTION_ARGUMENTS.rollback.safeParse(args);
  if (!parsed.success) return INVALID_ARGUMENTS;
  const [name, operationId, prune] = parsed.data;
  try {
    const operation = await getEngine().operations.requestRollback(name, { operationId, prune }, user);
    revalidatePath(`/apps/${name}`);
    revalidatePath("/");
    return operationState(operation, "Rolled back.", "Rollback");
  } catch (error) {
    return failure(error);
  }
}

/** Turns automated sync back on after a rollback and syncs Git's version. */
export async function resumeAutoSyncAction(...args: [name: string]): Promise<ActionState> {
  const user = await requireUser("deployer", nameArgument(args), { action: "app.resume-auto-sync" });
  const parsed = ACTION_ARGUMENTS.resumeAutoSync.safeParse(args);
  if (!parsed.success) return INVALID_ARGUMENTS;
  const [name] = parsed.data;
  try {
    const { operation } = await getEngine().operations.resumeAutoSync(name, user);
    revalidatePath(`/apps/${name}`);
    revalidatePath("/");
    if (!operation) return { message: "Automated sync resumed; an automated sync is already running." };
    return operationState(operation, "Automated sync resumed; Git's version is live.", "Automated sync resumed; the sync of Git's version");
  } catch (error) {
    return failure(error);
  }
}

/** The preview of making a rollback permanent, or why it cannot be made. */
export interface RollbackCommitPreviewState {
  preview?: RollbackCommitPreview;
  error?: string;
}

/** Which files a commit making the app's rollback permanent would change (nothing is pushed). */
export async function previewRollbackCommitAction(...args: [name: string]): Promise<RollbackCommitPreviewState> {
  await requireUser("deployer", nameArgument(args), { action: "app.rollback-commit-preview" });
  const parsed = ACTION_ARGUMENTS.previewRollbackCommit.safeParse(args);
  if (!parsed.success) return INVALID_ARGUMENTS;
  const [name] = parsed.data;
  try {
    return { preview: await getEngine().operations.previewRollbackCommit(name) };
  } catch (error) {
    return failure(error);
  }
}

/** Makes the app's rollback permanent: a commit restoring the rolled-back revision's files, then automated sync resumes. */
export async function commitRollbackAction(...args: [name: string]): Promise<ActionState> {
  const user = await requireUser("deployer", nameArgument(args), { action: "app.rollback-commit" });
  const parsed = ACTION_ARGUMENTS.commitRollback.safeParse(args);
  if (!parsed.success) return INVALID_ARGUMENTS;
  const [name] = parsed.data;
  try {
    const result = await getEngine().operations.commitRollback(name, user);
    await noteActionDetail(`Committed ${result.commit.slice(0, 12)} restoring history entry ${result.historyId}.`);
    revalidatePath(`/apps/${name}`);
    revalidatePath("/");
    return { message: `Committed ${result.commit.slice(0, 7)}; Git now matches the rollback and automated sync is back on.` };
  } catch (error) {
    return failure(error);
  }
}

/** Asks the app's running operation to stop before its next resource. */
export async function terminateAction(...args: [name: string, operationId: string]): Promise<ActionState> {
  const user = await requireUser("deployer", nameArgument(args), { action: "app.terminate" });
  const parsed = ACTION_ARGUMENTS.terminate.safeParse(args);
  if (!parsed.success) return INVALID_ARGUMENTS;
  const [name, operationId] = parsed.data;
  try {
    await getEngine().operations.terminate(name, operationId, user);
    revalidatePath(`/apps/${name}`);
    return { message: "Termination requested; the operation stops before its next resource." };
  } catch (error) {
    return failure(error);
  }
}
