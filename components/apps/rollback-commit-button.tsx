"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { commitRollbackAction, previewRollbackCommitAction, type ActionState, type RollbackCommitPreviewState } from "@/app/apps/actions";

const CHANGE_STYLE: Record<string, string> = {
  added: "text-emerald-700",
  changed: "text-amber-800",
  deleted: "text-rose-700",
};

/**
 * "Make permanent" on a rolled-back app: shows which files under the app's path a commit
 * restoring the rolled-back revision would add, change or delete (computed in a throwaway
 * clone, nothing pushed), and commits only on confirmation.
 */
export function RollbackCommitButton({ name }: { name: string }) {
  const router = useRouter();
  const [preview, setPreview] = useState<RollbackCommitPreviewState | null>(null);
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<ActionState | null>(null);
  const [pending, startTransition] = useTransition();

  const openDialog = () => {
    setOpen(true);
    setOutcome(null);
    setPreview(null);
    startTransition(async () => setPreview(await previewRollbackCommitAction(name)));
  };
  const confirm = () =>
    startTransition(async () => {
      const result = await commitRollbackAction(name);
      setOutcome(result);
      if (!result.error) setOpen(false);
      router.refresh();
    });

  const files = preview?.preview?.files ?? [];
  const allowed = preview?.preview?.allowed ?? false;
  return (
    <>
      <button type="button" onClick={openDialog} disabled={pending} className="rounded-md border border-amber-500 bg-white px-3 py-1 text-sm font-medium text-amber-900 hover:bg-amber-100 disabled:opacity-60" data-testid="rollback-commit">
        Make permanent
      </button>
      {outcome && !open && (
        <span className={outcome.error ? "text-rose-700" : "text-emerald-800"} role={outcome.error ? "alert" : "status"}>
          {outcome.error ?? outcome.message}
        </span>
      )}
      {open && (
        <div className="basis-full rounded-md border border-amber-300 bg-white p-3 text-slate-900" role="dialog" aria-label="Make the rollback permanent">
          {!preview && <p>Comparing the rolled-back revision with the branch…</p>}
          {preview?.error && (
            <p className="text-rose-700" role="alert">
              {preview.error}
            </p>
          )}
          {preview?.preview && (
            <>
              <p className="mb-2">
                Commit to <code>{preview.preview.branch}</code> restoring <code>{preview.preview.path}</code> as it was at <code>{preview.preview.revision.slice(0, 7)}</code> (history #{preview.preview.historyId}). Each file comes back byte for byte, comments included; nothing outside the path changes.
              </p>
              {files.length === 0 ? (
                <p>Git already has these files; there is nothing to commit.</p>
              ) : (
                <ul className="mb-2 font-mono text-xs" data-testid="rollback-commit-files">
                  {files.map((file) => (
                    <li key={file.path}>
                      <span className={CHANGE_STYLE[file.change]}>{file.change}</span> {file.path}
                    </li>
                  ))}
                </ul>
              )}
              {!allowed && <p className="text-rose-700">The app&apos;s project does not allow making a rollback permanent.</p>}
            </>
          )}
          <div className="mt-2 flex gap-2">
            <button type="button" onClick={() => setOpen(false)} className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm">
              Cancel
            </button>
            <button type="button" onClick={confirm} disabled={pending || !allowed || files.length === 0} className="rounded-md bg-amber-600 px-3 py-1 text-sm font-medium text-white hover:bg-amber-700 disabled:opacity-60">
              {pending && preview ? "Committing…" : "Commit and resume automated sync"}
            </button>
          </div>
          {outcome?.error && (
            <p className="mt-2 text-rose-700" role="alert">
              {outcome.error}
            </p>
          )}
        </div>
      )}
    </>
  );
}
