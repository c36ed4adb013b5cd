"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callApi, splitList } from "./api-call";

/** A token row as the page shows it (never the value). */
export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  role: string;
  apps: string[] | null;
  expiresAt: string;
  createdBy: string;
  lastUsedAt: string | null;
}

const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "never");

/** Creating API tokens (the value is shown once) and revoking them. */
export function TokensAdmin({ tokens }: { tokens: TokenRow[] }) {
  const router = useRouter();
  const [notice, setNotice] = useState<{ error?: string; message?: string; secret?: string } | null>(null);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const apps = splitList(form.get("apps"));
    const result = await callApi<{ value: string }>("POST", "/api/tokens", {
      name: form.get("name"),
      role: form.get("role"),
      apps: apps.length > 0 ? apps : null,
      expiresInDays: Number(form.get("expiresInDays")),
    });
    setNotice(result.ok ? { message: "Token created. Copy it now; it is not shown again:", secret: result.body.value } : { error: result.error });
    router.refresh();
  }

  async function revoke(token: TokenRow) {
    const result = await callApi("DELETE", `/api/tokens/${encodeURIComponent(token.id)}`);
    setNotice(result.ok ? { message: `Token ${token.name} revoked.` } : { error: result.error });
    router.refresh();
  }

  return (
    <div className="space-y-6">
      {notice && (
        <div role="status" className={`rounded-md px-3 py-2 text-sm ${notice.error ? "bg-rose-50 text-rose-800" : "bg-emerald-50 text-emerald-900"}`}>
          {notice.error ?? notice.message}
          {notice.secret && <code className="ml-2 select-all rounded bg-white px-2 py-0.5" data-testid="one-time-secret">{notice.secret}</code>}
        </div>
      )}
      <form onSubmit={create} className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-4">
        <input name="name" required placeholder="Token name, e.g. ci" aria-label="Token name" className={input} />
        <select name="role" aria-label="Token role" defaultValue="deployer" className={input}>
          <option value="viewer">viewer</option>
          <option value="deployer">deployer</option>
          <option value="admin">admin</option>
        </select>
        <input name="apps" placeholder="Limit to apps (empty: all)" aria-label="Token apps" className={`${input} w-64`} />
        <input name="expiresInDays" type="number" min={1} max={366} defaultValue={90} aria-label="Expires in days" className={`${input} w-24`} />
        <button className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">Create token</button>
      </form>
      <table className="min-w-full divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            {["Name", "Role", "Apps", "Expires", "Last used", "Created by", ""].map((h) => (
              <th key={h} className="px-3 py-2">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tokens.map((t) => (
            <tr key={t.id} data-testid={`token-${t.name}`}>
              <td className="px-3 py-2">
                {t.name} <code className="text-xs text-slate-500">{t.prefix}…</code>
              </td>
              <td className="px-3 py-2">{t.role}</td>
              <td className="px-3 py-2">{t.apps?.join(", ") ?? "all"}</td>
              <td className="px-3 py-2 text-xs">{day(t.expiresAt)}</td>
              <td className="px-3 py-2 text-xs">{day(t.lastUsedAt)}</td>
              <td className="px-3 py-2 text-xs">{t.createdBy}</td>
              <td className="px-3 py-2">
                <button className="rounded-md border border-rose-300 px-2 py-1 text-xs text-rose-700" onClick={() => void revoke(t)}>
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
