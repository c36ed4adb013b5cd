"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { resumeAutoSyncAction, type ActionState } from "@/app/apps/actions";
import { RollbackCommitButton } from "./rollback-commit-button";

/** What the banner says about a rolled-back app. */
export interface RollbackBannerProps {
  name: string;
  /** The SHA the app was rolled back to; null when only automation is paused. */
  rolledBackTo: string | null;
  /** The SHA Git's target revision is at, as last compared. */
  gitRevision: string | null;
  autoSyncPaused: boolean;
  /** Whether automated sync is on now (someone turned it back on by editing the app). */
  automated: boolean;
}

const short = (sha: string | null) => (sha ? sha.slice(0, 7) : "unknown");

/**
 * The persistent banner of a rolled-back app: what runs, where Git is, that automated sync is
 * paused, one button that (after a confirmation) resumes it and syncs Git's version, and —
 * while Git is ahead — one that makes the rollback permanent by a commit to Git.
 */
export function RollbackBanner({ name, rolledBackTo, gitRevision, autoSyncPaused, automated }: RollbackBannerProps) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [state, setState] = useState<ActionState | null>(null);
  const [pending, startTransition] = useTransition();
  const label = autoSyncPaused ? "Resume automated sync" : "Sync Git's version";
  const resume = () =>
    startTransition(async () => {
      const result = await resumeAutoSyncAction(name);
      setState(result);
      setConfirming(false);
      router.refresh();
    });
  return (
    <div className="mb-4 flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950" role="status" data-testid="rollback-banner">
      <svg viewBox="0 0 16 16" className="h-4 w-4 fill-amber-700" aria-hidden>
        <rect x="3" y="2" width="3.5" height="12" rx="1" />
        <rect x="9.5" y="2" width="3.5" height="12" rx="1" />
      </svg>
      <span className="mr-auto">
        {rolledBackTo && (
          <>
            Rolled back to <code className="font-semibold">{short(rolledBackTo)}</code>; Git is at <code className="font-semibold">{short(gitRevision)}</code>.{" "}
          </>
        )}
        {autoSyncPaused ? "Automated sync is paused." : automated ? "Automated sync is on and will bring Git's version back." : "Automated sync is off for this app."}
      </span>
      {state?.error && (
        <span className="text-rose-700" role="alert">
          {state.error}
        </span>
      )}
      {rolledBackTo && <RollbackCommitButton name={name} />}
      {confirming ? (
        <span className="flex items-center gap-2">
          <span>Sync Git&apos;s version ({short(gitRevision)}) now{autoSyncPaused ? " and turn automated sync back on" : ""}?</span>
          <button type="button" onClick={() => setConfirming(false)} className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm">
            Cancel
          </button>
          <button type="button" onClick={resume} disabled={pending} className="rounded-md bg-amber-600 px-3 py-1 text-sm font-medium text-white hover:bg-amber-700 disabled:opacity-60">
            {pending ? "Syncing…" : "Confirm"}
          </button>
        </span>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} className="rounded-md bg-amber-600 px-3 py-1 text-sm font-medium text-white hover:bg-amber-700">
          {label}
        </button>
      )}
    </div>
  );
}
