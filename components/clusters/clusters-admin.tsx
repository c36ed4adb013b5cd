"use client";

import { useState } from "react";
import { AdminNoticeBanner, useAdminRecords } from "@/components/settings/use-admin-records";

/** A registered cluster as the page shows it: never its token or key. */
export interface ClusterRow {
  name: string;
  server: string;
  authKind: "token" | "client-certificate";
  status: "unknown" | "connected" | "unreachable";
  version: string | null;
  lastContact: string | null;
  reason: string | null;
}

type AuthKind = ClusterRow["authKind"];

const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";
const secretInput = `${input} font-mono`;

function bodyOf(form: FormData, kind: AuthKind, editing: boolean): Record<string, unknown> {
  const text = (name: string) => String(form.get(name) ?? "");
  const optional = (name: string) => (text(name).trim() === "" ? undefined : text(name));
  const body: Record<string, unknown> = { server: optional("server"), caData: optional("caData") };
  if (!editing) body.name = text("name");
  if (kind === "token") body.token = optional("token");
  else Object.assign(body, { clientCertificate: optional("clientCertificate"), clientKey: optional("clientKey") });
  return body;
}

function ConnectionCell({ row }: { row: ClusterRow }) {
  if (row.status === "connected") return <span className="text-emerald-700">● Connected</span>;
  if (row.status === "unknown") return <span className="text-slate-500">● Not probed yet</span>;
  return <span className="text-rose-700">● Unreachable: {row.reason}</span>;
}

/** Registering, changing and deleting destination clusters; secrets can be replaced but are never shown. */
export function ClustersAdmin({ clusters }: { clusters: ClusterRow[] }) {
  const [kind, setKind] = useState<AuthKind>("token");
  const { editing, setEditing, notice, submit, remove } = useAdminRecords<ClusterRow>({
    path: "/api/clusters",
    idOf: (row) => row.name,
    bodyOf: (form, current) => bodyOf(form, kind, current !== null),
    messages: { created: "Cluster registered.", updated: "Cluster updated.", deleted: (row) => `Cluster ${row.name} deleted.` },
  });

  const keep = editing ? " (leave empty to keep the stored one)" : "";
  return (
    <div className="space-y-6">
      <AdminNoticeBanner notice={notice} />
      <form key={editing?.name ?? "new"} onSubmit={submit} className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-4" aria-label={editing ? "Edit cluster" : "Register a cluster"}>
        <h2 className="w-full text-sm font-semibold">{editing ? `Edit cluster ${editing.name}` : "Register a cluster"}</h2>
        {!editing && <input name="name" required placeholder="Name, e.g. staging" aria-label="Name" className={input} />}
        <input name="server" required={!editing} defaultValue={editing?.server ?? ""} placeholder="https://10.0.0.1:6443" aria-label="Server URL" className={`${input} w-80`} />
        <select name="authKind" aria-label="Authentication" value={kind} onChange={(e) => setKind(e.target.value as AuthKind)} className={input}>
          <option value="token">Bearer token</option>
          <option value="client-certificate">Client certificate and key</option>
        </select>
        <textarea name="caData" required={!editing} rows={3} placeholder={`CA certificate, PEM (-----BEGIN CERTIFICATE-----)${keep}`} aria-label="CA certificate" spellCheck={false} className={`${secretInput} w-full`} />
        {kind === "token" ? (
          <input name="token" type="password" required={!editing} placeholder={`Bearer token${keep}`} aria-label="Bearer token" autoComplete="new-password" className={`${secretInput} w-96`} />
        ) : (
          <div className="flex w-full flex-col gap-2">
            <textarea name="clientCertificate" required={!editing} rows={3} placeholder={`Client certificate, PEM${keep}`} aria-label="Client certificate" spellCheck={false} className={secretInput} />
            <textarea name="clientKey" required={!editing} rows={3} placeholder={`Client key, PEM (-----BEGIN PRIVATE KEY-----)${keep}`} aria-label="Client key" autoComplete="off" spellCheck={false} className={secretInput} />
          </div>
        )}
        <button className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">{editing ? "Save changes" : "Register cluster"}</button>
        {editing && (
          <button type="button" onClick={() => setEditing(null)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
            Cancel
          </button>
        )}
      </form>
      <table className="min-w-full divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            {["Name", "Server", "Authentication", "Connection", "Version", "Last contact", ""].map((h) => (
              <th key={h} className="px-3 py-2">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {clusters.length === 0 && (
            <tr>
              <td colSpan={7} className="px-3 py-4 text-center text-slate-500">
                No registered clusters: applications deploy to <code>local</code> or a context of the kubeconfig.
              </td>
            </tr>
          )}
          {clusters.map((row) => (
            <tr key={row.name} data-testid={`cluster-${row.name}`}>
              <td className="px-3 py-2 font-medium">{row.name}</td>
              <td className="px-3 py-2 font-mono text-xs">{row.server}</td>
              <td className="px-3 py-2">{row.authKind === "token" ? "Bearer token" : "Client certificate"}</td>
              <td className="px-3 py-2" data-testid="cluster-connection">
                <ConnectionCell row={row} />
              </td>
              <td className="px-3 py-2">{row.version ?? "—"}</td>
              <td className="px-3 py-2 text-xs">{row.lastContact ? row.lastContact.slice(0, 19).replace("T", " ") : "—"}</td>
              <td className="space-x-2 whitespace-nowrap px-3 py-2">
                <button
                  className="rounded-md border border-slate-300 px-2 py-1 text-xs"
                  onClick={() => {
                    setKind(row.authKind);
                    setEditing(row);
                  }}
                >
                  Edit
                </button>
                <button className="rounded-md border border-rose-300 px-2 py-1 text-xs text-rose-700" onClick={() => void remove(row)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
