"use client";

import { useState, type FormEvent } from "react";

/** Changing one's password: the current one, the new one twice. */
export function PasswordForm({ required }: { required: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (form.get("newPassword") !== form.get("confirmPassword")) {
      setError("The new password and its confirmation differ.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/auth/password", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ currentPassword: form.get("currentPassword"), newPassword: form.get("newPassword") }),
      });
      const body = (await response.json().catch(() => ({}))) as { error?: string; fields?: { message: string }[] };
      if (!response.ok) {
        setError(body.fields?.map((f) => f.message).join(" ") || body.error || "The password could not be changed.");
        return;
      }
      window.location.replace(new URL("/", window.location.origin).href);
    } finally {
      setPending(false);
    }
  }

  const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm";
  return (
    <form onSubmit={submit} method="post" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      {required && <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">Your password was generated or reset: choose your own before going on.</p>}
      {error && (
        <p className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800" role="alert">
          {error}
        </p>
      )}
      {[
        ["currentPassword", "Current password", "current-password"],
        ["newPassword", "New password", "new-password"],
        ["confirmPassword", "Confirm new password", "new-password"],
      ].map(([name, label, autoComplete]) => (
        <div key={name}>
          <label htmlFor={name} className="text-sm font-medium text-slate-700">
            {label}
          </label>
          <input id={name} name={name} type="password" autoComplete={autoComplete} required className={input} />
        </div>
      ))}
      <p className="text-xs text-slate-500">At least 12 characters.</p>
      <button disabled={pending} className="w-full rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
