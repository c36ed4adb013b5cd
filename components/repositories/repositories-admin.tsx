"use client";

import { useState } from "react";
import { AdminNoticeBanner, useAdminRecords } from "@/components/settings/use-admin-records";

/** A credential as the page shows it: never its secret. */
export interface RepositoryCredentialRow {
  id: string;
  urlPrefix: string;
  kind: "https" | "ssh";
  username: string | null;
  knownHosts: string | null;
  updatedAt: string;
}

const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";
const secretInput = `${input} font-mono`;

/** The fields of the form for one kind; secrets are write-only, so they always start empty. */
function KindFields({ kind, editing }: { kind: "https" | "ssh"; editing?: RepositoryCredentialRow }) {
  const keep = editing ? " (leave empty to keep the stored one)" : "";
  if (kind === "https") {
    return (
      <>
        <input name="username" required={!editing} defaultValue={editing?.username ?? ""} placeholder="User name, e.g. x-access-token" aria-label="User name" autoComplete="off" className={input} />
        <input name="password" type="password" required={!editing} placeholder={`Token or password${keep}`} aria-label="Token or password" autoComplete="new-password" className={`${secretInput} w-72`} />
      </>
    );
  }
  return (
    <div className="flex w-full flex-col gap-2">
      <textarea name="privateKey" required={!editing} rows={4} placeholder={`-----BEGIN OPENSSH PRIVATE KEY-----${keep}`} aria-label="Private key" autoComplete="off" spellCheck={false} className={secretInput} />
      <textarea
        name="knownHosts"
        rows={2}
        defaultValue={editing?.knownHosts ?? ""}
        placeholder="Known hosts (ssh-keyscan output); empty uses the server's known_hosts"
        aria-label="Known hosts"
        spellCheck={false}
        className={`${input} font-mono`}
      />
    </div>
  );
}

function bodyOf(form: FormData, kind: "https" | "ssh", editing: boolean): Record<string, unknown> {
  const text = (name: string) => String(form.get(name) ?? "");
  const optional = (name: string) => (text(name).trim() === "" ? undefined : text(name));
  const body: Record<string, unknown> = { urlPrefix: text("urlPrefix") };
  if (!editing) body.kind = kind;
  if (kind === "https") Object.assign(body, { username: optional("username"), password: optional("password") });
  else Object.assign(body, { privateKey: optional("privateKey"), knownHosts: editing ? text("knownHosts") : optional("knownHosts") });
  return body;
}

/** Adding, changing and deleting repository credentials; secrets can be replaced but are never shown. */
export function RepositoriesAdmin({ credentials }: { credentials: RepositoryCredentialRow[] }) {
  const [kind, setKind] = useState<"https" | "ssh">("https");
  const { editing, setEditing, notice, submit, remove } = useAdminRecords<RepositoryCredentialRow>({
    path: "/api/repositories",
    idOf: (row) => row.id,
    bodyOf: (form, current) => (current ? bodyOf(form, current.kind, true) : bodyOf(form, kind, false)),
    messages: { created: "Credentials saved.", updated: "Credentials updated.", deleted: (row) => `Credentials for ${row.urlPrefix} deleted.` },
  });

  const formKind = editing?.kind ?? kind;
  return (
    <div className="space-y-6">
      <AdminNoticeBanner notice={notice} />
      <form key={editing?.id ?? "new"} onSubmit={submit} className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-4" aria-label={editing ? "Edit credentials" : "Add credentials"}>
        <h2 className="w-full text-sm font-semibold">{editing ? `Edit credentials for ${editing.urlPrefix}` : "Add credentials"}</h2>
        {!editing && (
          <select name="kind" aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value as "https" | "ssh")} className={input}>
            <option value="https">HTTPS (user name + token)</option>
            <option value="ssh">SSH (private key)</option>
          </select>
        )}
        <input
          name="urlPrefix"
          required
          defaultValue={editing?.urlPrefix ?? ""}
          placeholder={formKind === "https" ? "https://github.com/acme" : "git@github.com:acme"}
          aria-label="URL prefix"
          className={`${input} w-80`}
        />
        <KindFields kind={formKind} editing={editing ?? undefined} />
        <button className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">{editing ? "Save changes" : "Add credentials"}</button>
        {editing && (
          <button type="button" onClick={() => setEditing(null)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
            Cancel
          </button>
        )}
      </form>
      <table className="min-w-full divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            {["URL prefix", "Kind", "User name", "Known hosts", "Updated", ""].map((h) => (
              <th key={h} className="px-3 py-2">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {credentials.length === 0 && (
            <tr>
              <td colSpan={6} className="px-3 py-4 text-center text-slate-500">
                No repository credentials yet: public repositories need none.
              </td>
            </tr>
          )}
          {credentials.map((row) => (
            <tr key={row.id} data-testid={`credential-${row.urlPrefix}`}>
              <td className="px-3 py-2 font-mono text-xs">{row.urlPrefix}</td>
              <td className="px-3 py-2">{row.kind === "https" ? "HTTPS token" : "SSH key"}</td>
              <td className="px-3 py-2">{row.username ?? "—"}</td>
              <td className="px-3 py-2 text-xs">{row.kind === "ssh" ? (row.knownHosts ? `${row.knownHosts.split("\n").filter(Boolean).length} host key(s)` : "system") : "—"}</td>
              <td className="px-3 py-2 text-xs">{row.updatedAt.slice(0, 16).replace("T", " ")}</td>
              <td className="space-x-2 whitespace-nowrap px-3 py-2">
                <button className="rounded-md border border-slate-300 px-2 py-1 text-xs" onClick={() => setEditing(row)}>
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
