import type { SyncStatus } from "@/lib/types";

/** One app's answer from `POST /api/refresh`, as far as the Applications page reads it. */
export interface RefreshResult {
  name: string;
  syncStatus: SyncStatus;
  error?: string;
}

/** How many of the named apps the page shows by name in a failure notice before "and N more". */
const NAMED_FAILURES = 3;

/**
 * The one-sentence notice after "Refresh all": how many apps were refreshed, how many of them
 * are out of sync, and which could not be refreshed (the first few by name, with their reason).
 */
export function refreshSummary(results: readonly RefreshResult[]): { tone: "success" | "warning"; text: string } {
  if (results.length === 0) return { tone: "success", text: "No application to refresh." };
  const failed = results.filter((result) => result.error !== undefined);
  const refreshed = results.length - failed.length;
  const outOfSync = results.filter((result) => result.error === undefined && result.syncStatus === "OutOfSync").length;
  const parts = [`Refreshed ${refreshed} of ${results.length} application${results.length === 1 ? "" : "s"}`];
  if (outOfSync > 0) parts.push(`${outOfSync} out of sync`);
  if (failed.length === 0) return { tone: "success", text: `${parts.join(", ")}.` };
  const named = failed.slice(0, NAMED_FAILURES).map((result) => `${result.name} (${result.error})`);
  const more = failed.length > NAMED_FAILURES ? ` and ${failed.length - NAMED_FAILURES} more` : "";
  return { tone: "warning", text: `${parts.join(", ")}; could not refresh ${named.join(", ")}${more}.` };
}
