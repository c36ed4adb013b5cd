"use client";

import { AdminNoticeBanner, useAdminRecords } from "@/components/settings/use-admin-records";

/** A subscription as the page shows it. */
export interface SubscriptionRow {
  id: string;
  name: string;
  channel: string;
  scope: "app" | "project" | "global";
  target: string;
  triggers: string[];
  driftGraceSeconds: number;
  template: string | null;
  enabled: boolean;
}

const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";

function bodyOf(form: FormData, triggers: readonly string[]): Record<string, unknown> {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const scope = text("scope");
  return {
    name: text("name"),
    channel: text("channel"),
    scope,
    target: scope === "global" ? "" : text("target"),
    triggers: triggers.filter((t) => form.get(`trigger-${t}`) === "on"),
    driftGraceSeconds: Number(text("driftGraceSeconds") || "300"),
    template: text("template") === "" ? null : text("template"),
    enabled: form.get("enabled") === "on",
  };
}

/** Adding, changing and deleting subscriptions: which triggers of which apps go to which channel. */
export function SubscriptionsAdmin({ subscriptions, channels, triggers }: { subscriptions: SubscriptionRow[]; channels: string[]; triggers: readonly string[] }) {
  const { editing, setEditing, notice, submit, remove } = useAdminRecords<SubscriptionRow>({
    path: "/api/notifications/subscriptions",
    idOf: (row) => row.id,
    bodyOf: (form) => bodyOf(form, triggers),
    messages: { created: "Subscription saved.", updated: "Subscription updated.", deleted: (row) => `Subscription ${row.name} deleted.` },
  });
  return (
    <div className="space-y-4">
      <AdminNoticeBanner notice={notice} />
      <form key={editing?.id ?? "new"} onSubmit={submit} className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-4" aria-label={editing ? "Edit subscription" : "Add subscription"}>
        <h3 className="w-full text-sm font-semibold">{editing ? `Edit subscription ${editing.name}` : "Add a subscription"}</h3>
        <input name="name" required defaultValue={editing?.name ?? ""} placeholder="Name, e.g. prod-failures" aria-label="Subscription name" className={`${input} w-44`} />
        <select name="channel" required defaultValue={editing?.channel ?? channels[0] ?? ""} aria-label="Channel" className={input}>
          {channels.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <select name="scope" defaultValue={editing?.scope ?? "app"} aria-label="Scope" className={input}>
          <option value="app">One app</option>
          <option value="project">One project</option>
          <option value="global">Every app</option>
        </select>
        <input name="target" defaultValue={editing?.target ?? ""} placeholder="App or project name" aria-label="Target" className={`${input} w-44`} />
        <label className="text-xs text-slate-600">
          Drift grace (s)
          <input name="driftGraceSeconds" type="number" min={0} defaultValue={editing?.driftGraceSeconds ?? 300} aria-label="Drift grace in seconds" className={`${input} ml-1 w-24`} />
        </label>
        <label className="text-xs text-slate-600">
          <input name="enabled" type="checkbox" defaultChecked={editing?.enabled ?? true} className="mr-1" />
          Enabled
        </label>
        <fieldset className="flex w-full flex-wrap gap-3 text-xs">
          <legend className="sr-only">Triggers</legend>
          {triggers.map((t) => (
            <label key={t}>
              <input name={`trigger-${t}`} type="checkbox" defaultChecked={editing?.triggers.includes(t) ?? false} className="mr-1" />
              {t}
            </label>
          ))}
        </fieldset>
        <textarea
          name="template"
          rows={2}
          defaultValue={editing?.template ?? ""}
          placeholder="Template (optional): {{app}} {{project}} {{revision}} {{trigger}} {{message}} {{url}}; empty uses each trigger's default"
          aria-label="Template"
          className={`${input} w-full font-mono`}
        />
        <button className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700" disabled={channels.length === 0}>
          {editing ? "Save changes" : "Add subscription"}
        </button>
        {editing && (
          <button type="button" onClick={() => setEditing(null)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
            Cancel
          </button>
        )}
      </form>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
        {subscriptions.length === 0 && <li className="px-3 py-4 text-center text-slate-500">No subscriptions yet.</li>}
        {subscriptions.map((row) => (
          <li key={row.id} className="flex flex-wrap items-center gap-3 px-3 py-2" data-testid={`subscription-${row.name}`}>
            <span className="font-medium">{row.name}</span>
            <span className="text-xs text-slate-600">
              {row.scope === "global" ? "every app" : `${row.scope} ${row.target}`} → {row.channel}
            </span>
            <span className="text-xs">{row.triggers.join(", ")}</span>
            {row.triggers.includes("drift-detected") && <span className="text-xs text-slate-500">grace {row.driftGraceSeconds}s</span>}
            {!row.enabled && <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">disabled</span>}
            <span className="ml-auto space-x-2 whitespace-nowrap">
              <button className="rounded-md border border-slate-300 px-2 py-1 text-xs" onClick={() => setEditing(row)}>
                Edit
              </button>
              <button className="rounded-md border border-rose-300 px-2 py-1 text-xs text-rose-700" onClick={() => void remove(row)}>
                Delete
              </button>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
