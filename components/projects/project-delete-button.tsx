"use client";

import { useState, useTransition } from "react";
import type { ActionState } from "@/app/apps/actions";

/** Delete, confirmed in a dialog; the store's reason is shown when it refuses (apps remain, or the built-in project). */
export function ProjectDeleteButton({ name, appCount, action }: { name: string; appCount: number; action: () => Promise<ActionState> }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const confirm = () =>
    startTransition(async () => {
      const result = await action();
      setError(result.error ?? null);
      setOpen(false);
    });

  return (
    <div className="flex flex-col items-end gap-2">
      <button onClick={() => setOpen(true)} disabled={pending} className="rounded-md border border-rose-300 bg-white px-3 py-1.5 text-sm text-rose-700 hover:bg-rose-50 disabled:opacity-60">
        Delete project
      </button>
      {error && (
        <p className="max-w-md text-right text-sm text-rose-700" role="alert">
          {error}
        </p>
      )}
      {open && (
        <div role="dialog" aria-label="Delete project" className="fixed inset-0 z-10 flex items-center justify-center bg-slate-900/40">
          <div className="w-full max-w-md rounded-lg bg-white p-6 shadow-xl">
            <h2 className="mb-3 text-lg font-semibold">Delete project {name}?</h2>
            <p className="text-sm text-slate-600">
              {appCount === 0 ? "It has no apps. Its rules, roles and sync windows are removed." : `It still has ${appCount === 1 ? "1 app" : `${appCount} apps`}; the deletion will be refused until they move or are deleted.`}
            </p>
            <div className="mt-4 flex justify-end gap-2">
              <button onClick={() => setOpen(false)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
                Cancel
              </button>
              <button onClick={confirm} disabled={pending} className="rounded-md bg-rose-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60">
                Delete
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
