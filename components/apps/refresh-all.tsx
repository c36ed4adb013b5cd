"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "@/components/settings/api-call";
import { refreshSummary, type RefreshResult } from "./refresh-summary";

type Notice = { tone: "progress" | "success" | "warning" | "error"; text: string };

const TONES: Record<Notice["tone"], string> = {
  progress: "text-slate-600",
  success: "text-emerald-700",
  warning: "text-amber-800",
  error: "text-rose-700",
};

/**
 * "Refresh all" on Applications: compares every app the user may refresh with Git and the
 * cluster now (`POST /api/refresh`, one `ls-remote` per repository), only those of `project`
 * when the list is filtered by one. Disabled while it runs; the outcome stays in a notice.
 */
export function RefreshAllButton({ project }: { project?: string }) {
  const router = useRouter();
  const [running, setRunning] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  const refreshAll = async () => {
    setRunning(true);
    setNotice({ tone: "progress", text: project ? `Refreshing the applications of project ${project}…` : "Refreshing every application…" });
    try {
      const answer = await callApi<{ apps: RefreshResult[] }>("POST", "/api/refresh", project ? { project } : {});
      setNotice(answer.ok ? refreshSummary(answer.body.apps) : { tone: "error", text: answer.error });
      if (answer.ok) router.refresh();
    } catch {
      setNotice({ tone: "error", text: "The server could not be reached; nothing was refreshed." });
    } finally {
      setRunning(false);
    }
  };

  return (
    <span className="flex items-center gap-2">
      {notice && (
        <span className={`text-sm ${TONES[notice.tone]}`} role={notice.tone === "error" || notice.tone === "warning" ? "alert" : "status"} data-testid="refresh-all-notice">
          {notice.text}
        </span>
      )}
      <button
        type="button"
        onClick={refreshAll}
        disabled={running}
        title={project ? `Compare every application of project ${project} with Git now` : "Compare every application you may refresh with Git now"}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-60"
        data-testid="refresh-all"
      >
        {running ? "Refreshing…" : "Refresh all"}
      </button>
    </span>
  );
}
