"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callApi, splitList } from "./api-call";

/** A user row as the page shows it. */
export interface UserRow {
  name: string;
  role: string;
  grants: string[];
  source: string;
  mustChangePassword: boolean;
  lastSignInAt: string | null;
}

const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";

/** Creating users, changing roles and grants, resetting passwords, deleting users. */
export function UsersAdmin({ users }: { users: UserRow[] }) {
  const router = useRouter();
  const [notice, setNotice] = useState<{ error?: string; message?: string; secret?: string } | null>(null);

  async function run<T>(method: string, path: string, body: unknown, done: (body: T) => { message: string; secret?: string }) {
    const result = await callApi<T>(method, path, body);
    setNotice(result.ok ? done(result.body) : { error: result.error });
    router.refresh();
  }

  function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "");
    void run<{ generatedPassword?: string }>("POST", "/api/users", { name, role: form.get("role"), grants: splitList(form.get("grants")) }, (body) => ({
      message: `User ${name} created. Give them this first password; they must change it at first sign-in:`,
      ...(body.generatedPassword ? { secret: body.generatedPassword } : {}),
    }));
    event.currentTarget.reset();
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
        <input name="name" required placeholder="User name" aria-label="New user name" className={input} />
        <select name="role" aria-label="New user role" defaultValue="viewer" className={input}>
          <option value="viewer">viewer</option>
          <option value="deployer">deployer</option>
          <option value="admin">admin</option>
        </select>
        <input name="grants" placeholder="Apps a deployer may deploy: web, team-a-*" aria-label="New user grants" className={`${input} w-72`} />
        <button className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">Create user</button>
      </form>
      <table className="min-w-full divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2">User</th>
            <th className="px-3 py-2">Role and grants</th>
            <th className="px-3 py-2">Last sign-in</th>
            <th className="px-3 py-2" />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.map((u) => (
            <tr key={u.name} data-testid={`user-${u.name}`}>
              <td className="px-3 py-2">
                {u.name} <span className="text-xs text-slate-500">({u.source}{u.mustChangePassword ? ", must change password" : ""})</span>
              </td>
              <td className="px-3 py-2">
                <form
                  className="flex gap-2"
                  onSubmit={(event) => {
                    event.preventDefault();
                    const form = new FormData(event.currentTarget);
                    void run("PATCH", `/api/users/${encodeURIComponent(u.name)}`, { role: form.get("role"), grants: splitList(form.get("grants")) }, () => ({ message: `User ${u.name} updated.` }));
                  }}
                >
                  <select name="role" defaultValue={u.role} aria-label={`Role of ${u.name}`} className={input}>
                    <option value="viewer">viewer</option>
                    <option value="deployer">deployer</option>
                    <option value="admin">admin</option>
                  </select>
                  <input name="grants" defaultValue={u.grants.join(", ")} aria-label={`Grants of ${u.name}`} className={input} />
                  <button className="rounded-md border border-slate-300 px-2 py-1 text-xs">Save</button>
                </form>
              </td>
              <td className="px-3 py-2 text-xs">{u.lastSignInAt ? new Date(u.lastSignInAt).toISOString().slice(0, 16).replace("T", " ") : "never"}</td>
              <td className="flex gap-2 px-3 py-2">
                <button
                  className="rounded-md border border-slate-300 px-2 py-1 text-xs"
                  onClick={() =>
                    void run<{ generatedPassword?: string }>("PATCH", `/api/users/${encodeURIComponent(u.name)}`, { resetPassword: true }, (body) => ({
                      message: `New password for ${u.name}, to be changed at next sign-in:`,
                      ...(body.generatedPassword ? { secret: body.generatedPassword } : {}),
                    }))
                  }
                >
                  Reset password
                </button>
                <button className="rounded-md border border-rose-300 px-2 py-1 text-xs text-rose-700" onClick={() => void run("DELETE", `/api/users/${encodeURIComponent(u.name)}`, undefined, () => ({ message: `User ${u.name} deleted.` }))}>
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
