import { Time } from "@/components/ui/time";
import type { SyncWindowNotice } from "@/lib/projects/window-notice";

/** The app page's notice about its project's sync windows: closed (why, until when) or closing within the hour. */
export function SyncWindowBanner({ notice }: { notice: SyncWindowNotice }) {
  if (notice.kind === "closed") {
    return (
      <div className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900" role="status" data-testid="sync-window-closed">
        <span className="font-semibold">Sync window closed:</span> {notice.reason}
        {notice.opensAt && (
          <>
            ; opens at <Time value={notice.opensAt} />
          </>
        )}
        . Automated syncs wait until it opens{notice.manualSync ? "; manual syncs are still allowed." : "; only an admin may sync anyway."}
      </div>
    );
  }
  return (
    <div className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900" role="status" data-testid="sync-window-closing">
      <span className="font-semibold">Sync window closes soon:</span> syncs may start until <Time value={notice.closesAt} />
      {notice.reason ? ` (${notice.reason})` : ""}.
    </div>
  );
}
