"use client";

import { useState } from "react";
import { splitList } from "@/components/settings/api-call";
import { AdminNoticeBanner, useAdminRecords } from "@/components/settings/use-admin-records";

/** A channel as the page shows it: settings, and which write-only secrets are set. */
export interface ChannelRow {
  id: string;
  name: string;
  kind: "webhook" | "slack" | "email";
  config: Record<string, unknown>;
  secrets: Record<string, "set">;
}

type Kind = ChannelRow["kind"];
const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";

/** The fields of one kind; secrets are write-only and always start empty. */
function KindFields({ kind, editing }: { kind: Kind; editing?: ChannelRow }) {
  const keep = editing ? " (empty keeps it)" : "";
  const config = editing?.config ?? {};
  const text = (key: string) => (typeof config[key] === "string" || typeof config[key] === "number" ? String(config[key]) : "");
  if (kind === "webhook") {
    return (
      <>
        <input name="url" required defaultValue={text("url")} placeholder="https://hooks.example.com/lockstep" aria-label="Webhook URL" className={`${input} w-80`} />
        <input name="secret" type="password" required={!editing} minLength={16} placeholder={`Signing secret, 16+ characters${keep}`} aria-label="Signing secret" autoComplete="new-password" className={`${input} w-64 font-mono`} />
      </>
    );
  }
  if (kind === "slack") {
    return <input name="url" type="password" required={!editing} placeholder={`Slack incoming webhook URL${keep}`} aria-label="Slack webhook URL" autoComplete="off" className={`${input} w-96 font-mono`} />;
  }
  return (
    <>
      <input name="host" required defaultValue={text("host")} placeholder="smtp.example.com" aria-label="SMTP host" className={`${input} w-48`} />
      <input name="port" type="number" required defaultValue={text("port") || "587"} aria-label="SMTP port" className={`${input} w-20`} />
      <select name="security" defaultValue={text("security") || "starttls"} aria-label="Security" className={input}>
        <option value="starttls">STARTTLS</option>
        <option value="tls">TLS</option>
        <option value="none">None (local relay)</option>
      </select>
      <input name="user" defaultValue={text("user")} placeholder="User (optional)" aria-label="SMTP user" autoComplete="off" className={`${input} w-36`} />
      <input name="password" type="password" placeholder={`Password (optional)${keep}`} aria-label="SMTP password" autoComplete="new-password" className={`${input} w-44`} />
      <input name="from" required defaultValue={text("from")} placeholder="lockstep@example.com" aria-label="From" className={`${input} w-52`} />
      <input name="to" required defaultValue={Array.isArray(config.to) ? config.to.join(", ") : ""} placeholder="ops@example.com, oncall@example.com" aria-label="To" className={`${input} w-72`} />
    </>
  );
}

function bodyOf(form: FormData, kind: Kind, editing: boolean): Record<string, unknown> {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const optional = (name: string) => (text(name) === "" ? undefined : text(name));
  const body: Record<string, unknown> = { name: text("name") };
  if (!editing) body.kind = kind;
  if (kind === "webhook") Object.assign(body, { url: text("url"), secret: optional("secret") });
  else if (kind === "slack") Object.assign(body, { url: optional("url") });
  else Object.assign(body, { host: text("host"), port: Number(text("port")), security: text("security"), user: optional("user"), password: optional("password"), from: text("from"), to: splitList(form.get("to")) });
  return body;
}

/** A channel's settings in one line, secrets as "set". */
function describe(row: ChannelRow): string {
  const secrets = Object.keys(row.secrets).map((name) => `${name}: set`);
  const settings = Object.entries(row.config).map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(", ") : String(value)}`);
  return [...settings, ...secrets].join(" · ");
}

/** Adding, changing and deleting notification channels; secrets can be replaced but are never shown. */
export function ChannelsAdmin({ channels }: { channels: ChannelRow[] }) {
  const [kind, setKind] = useState<Kind>("webhook");
  const { editing, setEditing, notice, submit, remove } = useAdminRecords<ChannelRow>({
    path: "/api/notifications/channels",
    idOf: (row) => row.id,
    bodyOf: (form, current) => (current ? bodyOf(form, current.kind, true) : bodyOf(form, kind, false)),
    messages: { created: "Channel saved.", updated: "Channel updated.", deleted: (row) => `Channel ${row.name} deleted.` },
  });
  const formKind = editing?.kind ?? kind;
  return (
    <div className="space-y-4">
      <AdminNoticeBanner notice={notice} />
      <form key={editing?.id ?? `new-${formKind}`} onSubmit={submit} className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-4" aria-label={editing ? "Edit channel" : "Add channel"}>
        <h3 className="w-full text-sm font-semibold">{editing ? `Edit channel ${editing.name}` : "Add a channel"}</h3>
        {!editing && (
          <select name="kind" aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)} className={input}>
            <option value="webhook">Webhook (JSON, signed)</option>
            <option value="slack">Slack-compatible webhook</option>
            <option value="email">E-mail (SMTP)</option>
          </select>
        )}
        <input name="name" required defaultValue={editing?.name ?? ""} placeholder="Name, e.g. ops-chat" aria-label="Channel name" className={`${input} w-40`} />
        <KindFields kind={formKind} editing={editing ?? undefined} />
        <button className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">{editing ? "Save changes" : "Add channel"}</button>
        {editing && (
          <button type="button" onClick={() => setEditing(null)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
            Cancel
          </button>
        )}
      </form>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
        {channels.length === 0 && <li className="px-3 py-4 text-center text-slate-500">No channels yet.</li>}
        {channels.map((row) => (
          <li key={row.id} className="flex items-center gap-3 px-3 py-2" data-testid={`channel-${row.name}`}>
            <span className="font-medium">{row.name}</span>
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{row.kind}</span>
            <span className="truncate text-xs text-slate-600">{describe(row)}</span>
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
