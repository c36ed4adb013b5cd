"use client";

import { useActionState } from "react";
import type { ActionState } from "@/app/apps/actions";

const input = "mt-1 block w-full rounded-md border px-3 py-1.5 text-sm";

/** One field's message under its input, when the server refused it. */
function FieldMessage({ state, name }: { state: ActionState; name: string }) {
  const error = state.fields?.find((f) => f.field === name)?.message;
  if (!error) return null;
  return (
    <span id={`project-${name}-help`} className="mt-1 block text-xs text-rose-700" role="alert" data-testid={`error-${name}`}>
      {error}
    </span>
  );
}

/** The Projects page's New project form: a name and a description; the rest is edited on the project's page. */
export function ProjectCreateForm({ action }: { action: (state: ActionState, form: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, {});
  const invalid = (name: string) => state.fields?.some((f) => f.field === name) ?? false;
  return (
    <form action={formAction} className="grid max-w-3xl grid-cols-[minmax(0,1fr)_minmax(0,2fr)_auto] items-start gap-3 rounded-lg border border-slate-200 bg-white p-4">
      {state.error && (
        <p className="col-span-3 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800" role="alert">
          {state.error}
        </p>
      )}
      <div>
        <label htmlFor="project-name" className="text-sm font-medium text-slate-700">
          Project name
        </label>
        <input
          id="project-name"
          name="name"
          required
          placeholder="team-a"
          defaultValue={state.values?.name}
          aria-invalid={invalid("name") || undefined}
          aria-describedby="project-name-help"
          className={`${input} ${invalid("name") ? "border-rose-400" : "border-slate-300"}`}
        />
        <FieldMessage state={state} name="name" />
      </div>
      <div>
        <label htmlFor="project-description" className="text-sm font-medium text-slate-700">
          Description
        </label>
        <input
          id="project-description"
          name="description"
          placeholder="Team A's services"
          defaultValue={state.values?.description}
          aria-invalid={invalid("description") || undefined}
          aria-describedby="project-description-help"
          className={`${input} ${invalid("description") ? "border-rose-400" : "border-slate-300"}`}
        />
        <FieldMessage state={state} name="description" />
      </div>
      <button type="submit" disabled={pending} className="mt-6 rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
        {pending ? "Creating…" : "Create project"}
      </button>
    </form>
  );
}
