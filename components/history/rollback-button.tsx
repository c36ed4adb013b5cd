"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { UnifiedDiff } from "@/components/diff/unified-diff";
import { previewRollbackAction, rollbackAction, type ActionState, type RollbackPreviewState } from "@/app/apps/actions";

const ACTION_LABELS: Record<string, string> = {
  update: "will be updated",
  create: "will be created",
  prune: "will be deleted (prune)",
  keep: "not in this entry; kept (prune is off)",
  unchanged: "unchanged",
};

/**
 * "Roll back to this" on a history entry: opens a dialog with the diff the rollback will
 * make per resource (server-side dry runs of the entry's stored manifests against live),
 * and re-applies them only on confirmation.
 */
export function RollbackButton({ name, operationId, revision, prune: defaultPrune, disabled }: { name: string; operationId: string; revision: string | null; prune: boolean; disabled?: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [prune, setPrune] = useState(defaultPrune);
  const [preview, setPreview] = useState<RollbackPreviewState | null>(null);
  const [outcome, setOutcome] = useState<ActionState | null>(null);
  const [pending, startTransition] = useTransition();
  const short = revision ? revision.slice(0, 7) : operationId;

  const load = (withPrune: boolean) =>
    startTransition(async () => {
      setPreview(null);
      setPreview(await previewRollbackAction(name, operationId, withPrune));
    });

  const openDialog = () => {
    setOpen(true);
    setOutcome(null);
    load(prune);
  };

  const confirm = () =>
    startTransition(async () => {
      const result = await rollbackAction(name, operationId, prune);
      setOutcome(result);
      if (!result.error) setOpen(false);
      router.refresh();
    });

  const changes = preview?.preview?.resources.filter((r) => r.action !== "unchanged") ?? [];
  const unchanged = (preview?.preview?.resources.length ?? 0) - changes.length;

  return (
    <>
      <button type="button" onClick={openDialog} disabled={disabled || pending} className="rounded-md border border-amber-400 bg-white px-2.5 py-1 text-xs font-medium text-amber-900 hover:bg-amber-50 disabled:opacity-60">
        Roll back to this
      </button>
      {outcome?.error && !open && (
        <span className="text-xs text-rose-700" role="alert">
          {outcome.error}
        </span>
      )}
      {open && (
        <div role="dialog" aria-label="Roll back" className="fixed inset-0 z-20 flex items-center justify-center bg-slate-900/40">
          <div className="flex max-h-[90vh] w-full max-w-3xl flex-col rounded-lg bg-white p-6 shadow-xl">
            <h2 className="mb-1 text-lg font-semibold">
              Roll back {name} to <code>{short}</code>?
            </h2>
            <p className="mb-3 text-sm text-slate-600">
              Re-applies the manifests this entry applied; Git is not read or written. Automated sync is turned off until you resume it.
            </p>
            <label className="mb-3 flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={prune}
                onChange={(e) => {
                  setPrune(e.target.checked);
                  load(e.target.checked);
                }}
              />{" "}
              Prune resources that are not in this entry
            </label>
            <div className="min-h-24 flex-1 overflow-y-auto" data-testid="rollback-preview">
              {!preview && <p className="text-sm text-slate-500">Computing the diff with dry runs…</p>}
              {preview?.error && (
                <p className="text-sm text-rose-700" role="alert">
                  {preview.error}
                </p>
              )}
              {preview?.preview && changes.length === 0 && <p className="text-sm text-slate-500">The cluster already matches this entry; nothing would change.</p>}
              {changes.map((r) => (
                <section key={r.subject} className="mb-3" data-testid="rollback-resource">
                  <h3 className="mb-1 font-mono text-sm">
                    {r.subject} <span className="text-slate-500">— {ACTION_LABELS[r.action] ?? r.action}</span>
                  </h3>
                  {r.error && <p className="mb-1 text-xs text-rose-700">{r.error}</p>}
                  {r.changedPaths.length > 0 && <p className="mb-1 text-xs text-slate-600">Changed: {r.changedPaths.join(", ")}</p>}
                  <UnifiedDiff text={r.diff} />
                </section>
              ))}
              {unchanged > 0 && <p className="text-xs text-slate-500">{unchanged} resource(s) unchanged.</p>}
            </div>
            {outcome?.error && (
              <p className="mt-2 text-sm text-rose-700" role="alert">
                {outcome.error}
              </p>
            )}
            <div className="mt-4 flex justify-end gap-2">
              <button type="button" onClick={() => setOpen(false)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
                Cancel
              </button>
              <button type="button" onClick={confirm} disabled={pending || !preview?.preview} className="rounded-md bg-amber-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-amber-700 disabled:opacity-60">
                {pending && preview?.preview ? "Rolling back…" : "Roll back"}
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
