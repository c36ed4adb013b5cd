"use client";

import { useState, useTransition } from "react";
import type { ActionState } from "@/app/apps/actions";

/** A button running one server action (Promote, Approve), then showing its message or error. */
export function ActionButton({ label, action, testId, tone = "primary" }: { label: string; action: () => Promise<ActionState>; testId: string; tone?: "primary" | "approve" }) {
  const [result, setResult] = useState<ActionState | null>(null);
  const [pending, startTransition] = useTransition();
  const colours = tone === "approve" ? "bg-emerald-600 hover:bg-emerald-700" : "bg-indigo-600 hover:bg-indigo-700";
  return (
    <div className="flex flex-col items-start gap-1">
      <button
        data-testid={testId}
        disabled={pending}
        onClick={() => startTransition(async () => setResult(await action()))}
        className={`rounded-md px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 ${colours}`}
      >
        {pending ? `${label}…` : label}
      </button>
      {result?.message && <p className="text-sm text-emerald-700">{result.message}</p>}
      {result?.error && (
        <p className="text-sm text-rose-700" role="alert">
          {result.error}
        </p>
      )}
    </div>
  );
}
