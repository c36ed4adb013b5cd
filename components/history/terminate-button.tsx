"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { terminateAction, type ActionState } from "@/app/apps/actions";

/** Asks the running operation to stop before its next resource, after a confirmation. */
export function TerminateButton({ name, operationId, terminating }: { name: string; operationId: string; terminating: boolean }) {
  const router = useRouter();
  const [state, setState] = useState<ActionState | null>(null);
  const [pending, startTransition] = useTransition();
  const terminate = () => {
    if (!window.confirm("Terminate this operation? Resources already applied stay applied; the rest are not.")) return;
    startTransition(async () => {
      setState(await terminateAction(name, operationId));
      router.refresh();
    });
  };
  return (
    <span className="flex items-center gap-2">
      <button type="button" onClick={terminate} disabled={pending || terminating} className="rounded-md border border-rose-300 bg-white px-2.5 py-1 text-xs font-medium text-rose-700 hover:bg-rose-50 disabled:opacity-60">
        {terminating ? "Terminating…" : "Terminate"}
      </button>
      {state?.error && (
        <span className="text-xs text-rose-700" role="alert">
          {state.error}
        </span>
      )}
    </span>
  );
}
