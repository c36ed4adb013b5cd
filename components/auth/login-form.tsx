"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

/** The sign-in form: posts to /api/auth/login, then goes to `next` (or to the password change the account owes). */
export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
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
      router.replace(body.mustChangePassword ? "/account/password" : next);
      router.refresh();
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      {error && (
        <p className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800" role="alert">
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
