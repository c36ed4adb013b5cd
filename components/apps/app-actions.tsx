"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionState } from "@/app/apps/actions";
import { deleteAction, refreshAction, syncAction } from "@/app/apps/actions";

/** A resource the Sync dialog can select. */
export interface SyncChoice {
  subject: string;
  status: string;
  state: string;
}

function Notice({ state }: { state: ActionState | null }) {
  if (!state) return null;
  if (state.error)
    return (
      <p className="text-sm text-rose-700" role="alert">
        {state.error}
      </p>
    );
  return <p className="text-sm text-emerald-700">{state.message}</p>;
}

/** A sync window of the app's project that is closed now. */
export interface ClosedWindow {
  /** Why, one sentence without its final period. */
  reason: string;
  /** The window still lets people sync by hand. */
  manualSync: boolean;
}

/** What the action bar needs to know about the app and the signed-in user. */
export interface AppActionsProps {
  name: string;
  resources: SyncChoice[];
  prune: boolean;
  running: boolean;
  /** Set while a sync window is closed: the Sync dialog says so, and offers admins "Sync anyway". */
  closedWindow?: ClosedWindow;
  isAdmin: boolean;
  /** The app set that generated the app: it alone may delete the app, so Delete is not offered. */
  appSet?: string | null;
}

/** Refresh, Hard refresh, Sync and Delete (not for a generated app), with their dialogs. */
export function AppActions({ name, resources, prune, running, closedWindow, isAdmin, appSet }: AppActionsProps) {
  const router = useRouter();
  const [dialog, setDialog] = useState<"sync" | "delete" | null>(null);
  const [state, setState] = useState<ActionState | null>(null);
  const [pending, startTransition] = useTransition();
  const [syncPrune, setSyncPrune] = useState(prune);
  const [dryRun, setDryRun] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [cascade, setCascade] = useState(true);

  const run = (action: () => Promise<ActionState>) =>
    startTransition(async () => {
      const result = await action();
      setState(result);
      setDialog(null);
      router.refresh();
    });

  const toggle = (subject: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(subject)) next.delete(subject);
      else next.add(subject);
      return next;
    });

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex gap-2">
        <button onClick={() => run(() => refreshAction(name))} disabled={pending} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-60">
          Refresh
        </button>
        <button
          onClick={() => run(() => refreshAction(name, { hard: true }))}
          disabled={pending}
          title="Render the manifests again even if the commit did not move"
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-60"
        >
          Hard refresh
        </button>
        <button
          onClick={() => setDialog("sync")}
          disabled={pending || running}
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
        >
          {running || pending ? "Sync in progress…" : "Sync"}
        </button>
        {!appSet && (
          <button onClick={() => setDialog("delete")} disabled={pending} className="rounded-md border border-rose-300 bg-white px-3 py-1.5 text-sm text-rose-700 hover:bg-rose-50 disabled:opacity-60">
            Delete
          </button>
        )}
      </div>
      <Notice state={state} />
      {dialog === "sync" && (
        <div role="dialog" aria-label="Sync" className="fixed inset-0 z-10 flex items-center justify-center bg-slate-900/40">
          <div className="w-full max-w-lg rounded-lg bg-white p-6 shadow-xl">
            <h2 className="mb-3 text-lg font-semibold">Sync {name}</h2>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={syncPrune} onChange={(e) => setSyncPrune(e.target.checked)} /> Prune resources that left Git
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> Dry run (change nothing)
            </label>
            <p className="mt-3 text-sm font-medium">Resources {selected.size === 0 ? "(all)" : `(${selected.size} selected)`}</p>
            <ul className="mt-1 max-h-56 overflow-y-auto rounded border border-slate-200 p-2 text-xs">
              {resources.map((r) => (
                <li key={r.subject}>
                  <label className="flex items-center gap-2">
                    <input type="checkbox" checked={selected.has(r.subject)} onChange={() => toggle(r.subject)} />
                    <span className="font-mono">{r.subject}</span>
                    <span className="text-slate-500">{r.state}</span>
                  </label>
                </li>
              ))}
            </ul>
            {closedWindow && (
              <p className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900" data-testid="sync-dialog-window">
                Sync window closed: {closedWindow.reason}.{" "}
                {closedWindow.manualSync
                  ? "It still allows manual syncs."
                  : isAdmin
                    ? "As an admin you may sync anyway; the override is recorded in the operation's log."
                    : "Only an admin may sync anyway."}
              </p>
            )}
            <div className="mt-4 flex justify-end gap-2">
              <button onClick={() => setDialog(null)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
                Cancel
              </button>
              {closedWindow && isAdmin && (
                <button
                  onClick={() => run(() => syncAction(name, { prune: syncPrune, dryRun, resources: [...selected], syncAnyway: true }))}
                  disabled={pending}
                  className="rounded-md border border-amber-400 bg-amber-100 px-3 py-1.5 text-sm font-medium text-amber-900 hover:bg-amber-200 disabled:opacity-60"
                >
                  Sync anyway
                </button>
              )}
              <button
                onClick={() => run(() => syncAction(name, { prune: syncPrune, dryRun, resources: [...selected] }))}
                disabled={pending}
                className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60"
              >
                {pending ? "Syncing…" : "Synchronize"}
              </button>
            </div>
          </div>
        </div>
      )}
      {dialog === "delete" && (
        <div role="dialog" aria-label="Delete" className="fixed inset-0 z-10 flex items-center justify-center bg-slate-900/40">
          <div className="w-full max-w-md rounded-lg bg-white p-6 shadow-xl">
            <h2 className="mb-3 text-lg font-semibold">Delete {name}?</h2>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={cascade} onChange={(e) => setCascade(e.target.checked)} /> Also delete its resources from the cluster (cascade)
            </label>
            <p className="mt-2 text-xs text-slate-500">Without cascade, the resources keep running, no longer managed by Lockstep.</p>
            <div className="mt-4 flex justify-end gap-2">
              <button onClick={() => setDialog(null)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
                Cancel
              </button>
              <button onClick={() => run(() => deleteAction(name, cascade))} disabled={pending} className="rounded-md bg-rose-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60">
                Delete
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
