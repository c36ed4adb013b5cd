"use client";

import { useActionState } from "react";
import type { ActionState } from "@/app/apps/actions";

/**
 * A project's spec as YAML (or JSON) in a text area, saved as a whole and validated on the
 * server; each refused field is listed by its path under the text.
 */
export function ProjectEditor({
  action,
  field,
  text,
  version,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  /** The form field the text is posted as; errors on it belong to the text as a whole. */
  field: string;
  text: string;
  /** Changes when the project does (its update time), so the text area shows the saved spec. */
  version: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const errors = state.fields ?? [];
  return (
    <form action={formAction} className="space-y-3">
      <label htmlFor="project-spec" className="block text-sm font-medium text-slate-700">
        Spec (YAML or JSON)
      </label>
      <textarea
        key={version}
        id="project-spec"
        name={field}
        rows={Math.min(40, Math.max(16, text.split("\n").length + 2))}
        spellCheck={false}
        defaultValue={state.values?.[field] ?? text}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby="project-spec-help"
        className={`block w-full rounded-md border px-3 py-2 font-mono text-xs ${errors.length > 0 ? "border-rose-400" : "border-slate-300"}`}
      />
      <div id="project-spec-help">
        {errors.length > 0 ? (
          <ul className="space-y-0.5 text-xs text-rose-700" role="alert" data-testid="project-spec-errors">
            {errors.map((e, i) => (
              <li key={i}>
                {e.field !== field && <code className="mr-1 font-semibold">{e.field}</code>}
                {e.message}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-xs text-slate-500">Saving replaces the whole spec: a field left out takes its default (nothing allowed). The name cannot change.</p>
        )}
      </div>
      {state.error && !state.fields && (
        <p className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800" role="alert">
          {state.error}
        </p>
      )}
      {state.message && (
        <p className="text-sm text-emerald-700" role="status">
          {state.message}
        </p>
      )}
      <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
        {pending ? "Saving…" : "Save"}
      </button>
    </form>
  );
}
