"use client";

/** The signed-in user's name and role, and the Sign out button. */
export function UserMenu({ name, role }: { name: string; role: string }) {
  async function signOut() {
    await fetch("/api/auth/logout", { method: "POST" });
    window.location.replace(new URL("/login", window.location.origin).href);
  }
  return (
    <span className="flex items-center gap-3 text-sm text-slate-600">
      <a href="/account/password" className="hover:text-slate-900" data-testid="user-name" title="Change password">
        {name} <span className="text-xs text-slate-400">({role})</span>
      </a>
      <button onClick={() => void signOut()} className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100">
        Sign out
      </button>
    </span>
  );
}
