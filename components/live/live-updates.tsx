"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";

type Connection = "connecting" | "live" | "reconnecting";

/**
 * Keeps a server-rendered page current: listens to the page's Server-Sent Events stream and
 * re-renders the page (`router.refresh()`, no reload) when something it shows changed, when
 * the server says events were missed, and after a dropped connection comes back. Refreshes
 * are coalesced: at most one runs at a time, with one more queued. No timers poll anything.
 */
export function LiveUpdates({ url }: { url: string }) {
  const router = useRouter();
  const [connection, setConnection] = useState<Connection>("connecting");
  const [, startTransition] = useTransition();
  const refreshing = useRef(false);
  const queued = useRef(false);

  useEffect(() => {
    const refresh = () => {
      if (refreshing.current) {
        queued.current = true;
        return;
      }
      refreshing.current = true;
      startTransition(() => {
        router.refresh();
        refreshing.current = false;
        if (queued.current) {
          queued.current = false;
          queueMicrotask(refresh);
        }
      });
    };
    const source = new EventSource(url);
    let dropped = false;
    source.addEventListener("ready", () => {
      setConnection("live");
      if (dropped) refresh();
      dropped = false;
    });
    source.addEventListener("change", refresh);
    source.addEventListener("resync", refresh);
    source.onerror = () => {
      dropped = true;
      setConnection("reconnecting");
    };
    return () => source.close();
  }, [url, router]);

  const label = connection === "live" ? "Live" : connection === "reconnecting" ? "Reconnecting…" : "Connecting…";
  return (
    <span className="inline-flex items-center gap-1 text-xs text-slate-500" data-testid="live-status" data-state={connection} title="Updates arrive from the server as they happen.">
      <span className={`inline-block h-2 w-2 rounded-full ${connection === "live" ? "bg-emerald-500" : "bg-amber-400"}`} aria-hidden />
      {label}
    </span>
  );
}
