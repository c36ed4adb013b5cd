"use client";

import { useActionState } from "react";
import type { ActionState } from "@/app/apps/actions";

/** A project the form offers. */
export interface ProjectChoice {
  name: string;
  description: string;
}

/** A form field with its label and, when invalid, its message (linked by aria-describedby). */
function Field({ name, label, state, hint, ...input }: { name: string; label: string; state: ActionState; hint?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  const error = state.fields?.find((f) => f.field === name)?.message;
  const id = `field-${name}`;
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-help`}
        className={`mt-1 block w-full rounded-md border px-3 py-1.5 text-sm ${error ? "border-rose-400" : "border-slate-300"}`}
        {...input}
        defaultValue={state.values?.[name] ?? input.defaultValue}
      />
      {error ? (
        <span id={`${id}-help`} className="mt-1 block text-xs text-rose-700" role="alert" data-testid={`error-${name}`}>
          {error}
        </span>
      ) : (
        hint && (
          <span id={`${id}-help`} className="mt-1 block text-xs text-slate-500">
            {hint}
          </span>
        )
      )}
    </div>
  );
}

/** The project the app belongs to: a select of existing projects, `default` unless chosen. */
function ProjectField({ projects, state }: { projects: ProjectChoice[]; state: ActionState }) {
  const error = state.fields?.find((f) => f.field === "project")?.message;
  const names = projects.some((p) => p.name === "default") ? projects : [{ name: "default", description: "" }, ...projects];
  return (
    <div>
      <label htmlFor="field-project" className="text-sm font-medium text-slate-700">
        Project
      </label>
      <select
        id="field-project"
        name="project"
        defaultValue={state.values?.project ?? "default"}
        aria-invalid={error ? true : undefined}
        aria-describedby="field-project-help"
        className={`mt-1 block w-full rounded-md border px-3 py-1.5 text-sm ${error ? "border-rose-400" : "border-slate-300"}`}
      >
        {names.map((p) => (
          <option key={p.name} value={p.name} title={p.description}>
            {p.name}
          </option>
        ))}
      </select>
      {error ? (
        <span id="field-project-help" className="mt-1 block text-xs text-rose-700" role="alert" data-testid="error-project">
          {error}
        </span>
      ) : (
        <span id="field-project-help" className="mt-1 block text-xs text-slate-500">
          Which repositories, destinations and kinds the app may use, who may act on it and when it may sync.
        </span>
      )}
    </div>
  );
}

/** How the path is rendered: the source type (detected unless chosen) and the options a form can hold; inline Helm values and parameters go through the API. */
function SourceFields({ state }: { state: ActionState }) {
  const errors = state.fields?.filter((f) => f.field === "source" || f.field.startsWith("source.")) ?? [];
  return (
    <fieldset className="space-y-3 text-sm">
      <legend className="font-medium text-slate-700">Source</legend>
      <div className="grid grid-cols-2 gap-4">
        <div>
          <label htmlFor="field-sourceType" className="text-sm font-medium text-slate-700">
            Type
          </label>
          <select id="field-sourceType" name="sourceType" defaultValue={state.values?.sourceType ?? ""} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm">
            <option value="">Detect from the path</option>
            <option value="Directory">Directory</option>
            <option value="Kustomize">Kustomize</option>
            <option value="Helm">Helm</option>
          </select>
        </div>
        <label className="mt-6 flex items-center gap-2">
          <input type="checkbox" name="directoryRecurse" defaultChecked={state.values?.directoryRecurse === "on"} /> Read subdirectories (Directory)
        </label>
      </div>
      <div className="grid grid-cols-2 gap-4">
        <Field name="helmReleaseName" label="Helm release name" state={state} hint="The app's name when empty." />
        <Field name="helmValueFiles" label="Helm values files" state={state} hint="Comma-separated; relative to the chart, or /path from the repository root." />
      </div>
      {errors.map((error) => (
        <span key={error.field} className="block text-xs text-rose-700" role="alert" data-testid={`error-${error.field}`}>
          {error.message}
        </span>
      ))}
    </fieldset>
  );
}

/** The New application form, validated on the server field by field. */
export function AppForm({ action, projects }: { action: (state: ActionState, form: FormData) => Promise<ActionState>; projects: ProjectChoice[] }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      {state.error && (
        <p className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800" role="alert">
          {state.error}
        </p>
      )}
      <Field name="name" label="Name" state={state} placeholder="guestbook" hint="Lowercase letters, digits and '-'." required />
      <ProjectField projects={projects} state={state} />
      <Field name="repoUrl" label="Repository URL" state={state} placeholder="https://git.example.com/config.git" required />
      <div className="grid grid-cols-2 gap-4">
        <Field name="targetRevision" label="Target revision" state={state} defaultValue="HEAD" hint="Branch, tag or commit SHA." />
        <Field name="path" label="Path" state={state} defaultValue="." hint="Directory inside the repository." />
      </div>
      <div className="grid grid-cols-2 gap-4">
        <Field name="destCluster" label="Cluster" state={state} defaultValue="local" hint="'local' or a kubeconfig context." />
        <Field name="destNamespace" label="Namespace" state={state} placeholder="default" required />
      </div>
      <SourceFields state={state} />
      <fieldset className="space-y-1 text-sm">
        <legend className="font-medium text-slate-700">Sync policy</legend>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="automated" defaultChecked={state.values?.automated === "on"} /> Automated sync
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="prune" defaultChecked={state.values?.prune === "on"} /> Prune resources that left Git
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="selfHeal" defaultChecked={state.values?.selfHeal === "on"} /> Self-heal
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="createNamespace" defaultChecked={state.values?.createNamespace === "on"} /> Create the namespace
        </label>
      </fieldset>
      <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
        {pending ? "Creating…" : "Create"}
      </button>
    </form>
  );
}
