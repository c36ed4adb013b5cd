"use client";

import { useState, type FormEvent } from "react";

/**
 * The sign-in form: posts to /api/auth/login, then loads `next` (or the password change the
 * account owes) as a new document, so no page cached while signed out is shown.
 */
export function LoginForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: form.get("username"), password: form.get("password") }),
      });
      const body = (await response.json().catch(() => ({}))) as { error?: string; mustChangePassword?: boolean };
      if (!response.ok) {
        setError(body.error ?? "Signing in failed.");
        return;
      }
      window.location.replace(new URL(body.mustChangePassword ? "/account/password" : next, window.location.origin).href);
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} method="post" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      {error && (
        <p className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      )}
      <div>
        <label htmlFor="username" className="text-sm font-medium text-slate-700">
          User name
        </label>
        <input id="username" name="username" autoComplete="username" required className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
      </div>
      <div>
        <label htmlFor="password" className="text-sm font-medium text-slate-700">
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
      </div>
      <button disabled={pending} className="w-full rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
