"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { appSpecSchema, fieldErrors, type FieldError } from "@/lib/apps/spec";
import {
  createApplication,
  deleteApplication,
  previewRollback,
  refreshApp,
  resumeAutoSync,
  rollbackApplication,
  syncApp,
  terminateOperation,
  type RollbackPreview,
} from "@/lib/engine";
import { isLockstepError } from "@/lib/errors";

/** What a form action answers: field errors, a general error, or a success message. */
export interface ActionState {
  fields?: FieldError[];
  error?: string;
  message?: string;
  /** What the user typed, given back so a refused form keeps its input. */
  values?: Record<string, string>;
}

function failure(error: unknown): ActionState {
  if (isLockstepError(error)) return { error: error.message };
  console.error(error);
  return { error: "Something went wrong; the server log has the details." };
}

function checkbox(form: FormData, name: string): boolean {
  return form.get(name) === "on" || form.get(name) === "true";
}

/** Creates an application from the New application form. */
export async function createAppAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const parsed = appSpecSchema.safeParse({
    name: String(form.get("name") ?? ""),
    repoUrl: String(form.get("repoUrl") ?? ""),
    targetRevision: String(form.get("targetRevision") ?? ""),
    path: String(form.get("path") ?? ""),
    destCluster: String(form.get("destCluster") ?? ""),
    destNamespace: String(form.get("destNamespace") ?? ""),
    automated: checkbox(form, "automated"),
    prune: checkbox(form, "prune"),
    selfHeal: checkbox(form, "selfHeal"),
    createNamespace: checkbox(form, "createNamespace"),
  });
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  if (!parsed.success) return { fields: fieldErrors(parsed.error), values };
  try {
    await createApplication(parsed.data);
  } catch (error) {
    return { ...failure(error), values };
  }
  revalidatePath("/");
  redirect(`/apps/${parsed.data.name}`);
}

/** Compares the app with Git and the cluster now. */
export async function refreshAction(name: string): Promise<ActionState> {
  try {
    await refreshApp(name);
  } catch (error) {
    return failure(error);
  }
  revalidatePath(`/apps/${name}`);
  return { message: "Refreshed." };
}

/** Syncs the app with the options chosen in the Sync dialog. */
export async function syncAction(name: string, options: { prune: boolean; dryRun: boolean; resources: string[] }): Promise<ActionState> {
  try {
    const op = await syncApp(name, { ...options, initiator: "web" });
    revalidatePath(`/apps/${name}`);
    return op.phase === "Succeeded" ? { message: op.message ?? "Synced." } : { error: op.message ?? `Sync ${op.phase}.` };
  } catch (error) {
    return failure(error);
  }
}

/** Deletes the app, and its cluster resources when `cascade`. */
export async function deleteAction(name: string, cascade: boolean): Promise<ActionState> {
  try {
    await deleteApplication(name, { cascade });
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
export async function previewRollbackAction(name: string, operationId: string, prune: boolean): Promise<RollbackPreviewState> {
  try {
    return { preview: await previewRollback(name, { operationId, prune }) };
  } catch (error) {
    return failure(error);
  }
}

/** Rolls the app back to a history entry's manifests and pauses its automated sync. */
export async function rollbackAction(name: string, operationId: string, prune: boolean): Promise<ActionState> {
  try {
    const op = await rollbackApplication(name, { operationId, prune, initiator: "web" });
    revalidatePath(`/apps/${name}`);
    revalidatePath("/");
    return op.phase === "Succeeded" ? { message: op.message ?? "Rolled back." } : { error: op.message ?? `Rollback ${op.phase}.` };
  } catch (error) {
    return failure(error);
  }
}

/** Turns automated sync back on after a rollback and syncs Git's version. */
export async function resumeAutoSyncAction(name: string): Promise<ActionState> {
  try {
    const { operation } = await resumeAutoSync(name, "web");
    revalidatePath(`/apps/${name}`);
    revalidatePath("/");
    if (!operation) return { message: "Automated sync resumed; an automated sync is already running." };
    return operation.phase === "Succeeded" ? { message: "Automated sync resumed; Git's version is live." } : { error: operation.message ?? `Sync ${operation.phase}.` };
  } catch (error) {
    return failure(error);
  }
}

/** Asks the app's running operation to stop before its next resource. */
export async function terminateAction(name: string, operationId: string): Promise<ActionState> {
  try {
    await terminateOperation(name, operationId, "web");
    revalidatePath(`/apps/${name}`);
    return { message: "Termination requested; the operation stops before its next resource." };
  } catch (error) {
    return failure(error);
  }
}
