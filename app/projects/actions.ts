"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { fieldErrors } from "@/lib/apps/spec";
import { getEngine } from "@/lib/engine/current";
import { isDomainError, ValidationError } from "@/lib/errors";
import { projectSpecSchema } from "@/lib/projects/schema";
import { parseProjectText, SPEC_TEXT_FIELD } from "@/lib/projects/spec-text";
import { ACTION_ARGUMENTS, INVALID_ARGUMENTS } from "../_actions/arguments";
import { noteActionFailure, requireUser } from "../_auth/session";
import type { ActionState } from "../apps/actions";

async function failure(error: unknown, values?: Record<string, string>): Promise<ActionState> {
  const message = isDomainError(error) ? error.message : "Something went wrong; the server log has the details.";
  if (!isDomainError(error)) console.error(error);
  await noteActionFailure(message);
  const fields = error instanceof ValidationError ? error.fields : undefined;
  return { error: message, ...(fields ? { fields } : {}), ...(values ? { values } : {}) };
}

/** Creates a project from the Projects page's form (name and description), then opens it to edit the rest. */
export async function createProjectAction(...args: [state: ActionState, form: FormData]): Promise<ActionState> {
  const user = await requireUser("admin", undefined, { action: "project.create" });
  const parsedArguments = ACTION_ARGUMENTS.createProject.safeParse(args);
  if (!parsedArguments.success) return INVALID_ARGUMENTS;
  const [, form] = parsedArguments.data;
  const values = { name: String(form.get("name") ?? ""), description: String(form.get("description") ?? "") };
  const parsed = projectSpecSchema.safeParse(values);
  if (!parsed.success) return { fields: fieldErrors(parsed.error), values };
  try {
    await getEngine().projects.create(parsed.data, user);
  } catch (error) {
    return failure(error, values);
  }
  revalidatePath("/projects");
  redirect(`/projects/${parsed.data.name}`);
}

/**
 * Replaces a project's spec (every field but the name) with the editor's YAML or JSON; a field
 * the text leaves out takes its default. Refused text comes back with each problem on its field.
 */
export async function updateProjectAction(...args: [name: string, state: ActionState, form: FormData]): Promise<ActionState> {
  const user = await requireUser("admin", undefined, { action: "project.update" });
  const parsedArguments = ACTION_ARGUMENTS.updateProject.safeParse(args);
  if (!parsedArguments.success) return INVALID_ARGUMENTS;
  const [name, , form] = parsedArguments.data;
  const text = String(form.get(SPEC_TEXT_FIELD) ?? "");
  const values = { [SPEC_TEXT_FIELD]: text };
  const parsed = parseProjectText(text);
  if (!parsed.ok) return { fields: parsed.errors, values };
  try {
    await getEngine().projects.update(name, parsed.body, user);
  } catch (error) {
    return failure(error, values);
  }
  revalidatePath("/projects");
  revalidatePath(`/projects/${name}`);
  return { message: "Saved." };
}

/** Deletes a project; refused, with the store's reason, for the built-in one and one that still has apps. */
export async function deleteProjectAction(...args: [name: string]): Promise<ActionState> {
  const user = await requireUser("admin", undefined, { action: "project.delete" });
  const parsedArguments = ACTION_ARGUMENTS.deleteProject.safeParse(args);
  if (!parsedArguments.success) return INVALID_ARGUMENTS;
  const [name] = parsedArguments.data;
  try {
    await getEngine().projects.delete(name, user);
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/projects");
  redirect("/projects");
}
