"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";

type Connection = "connecting" | "live" | "reconnecting";

/** Least time between the end of one re-render and the start of the next, so bursts of events coalesce. */
const MIN_REFRESH_GAP_MS = 250;

/**
 * Keeps a server-rendered page current: listens to the page's Server-Sent Events stream and
 * re-renders the page (`router.refresh()`, no reload) when something it shows changed, when
 * the server says events were missed, and after a dropped connection comes back. Refreshes
 * are coalesced: one runs at a time (until its render has finished), with one more queued. No timers poll anything.
 */
export function LiveUpdates({ url }: { url: string }) {
  const router = useRouter();
  const [connection, setConnection] = useState<Connection>("connecting");
  const [isRefreshing, startTransition] = useTransition();
  const busy = useRef(false);
  const queued = useRef(false);
  const refresh = useRef<() => void>(() => undefined);

  useEffect(() => {
    refresh.current = () => {
      if (busy.current) {
        queued.current = true;
        return;
      }
      busy.current = true;
      startTransition(() => router.refresh());
    };
  }, [router]);

  useEffect(() => {
    if (isRefreshing || !busy.current) return;
    const settle = setTimeout(() => {
      busy.current = false;
      if (queued.current) {
        queued.current = false;
        refresh.current();
      }
    }, MIN_REFRESH_GAP_MS);
    return () => clearTimeout(settle);
  }, [isRefreshing]);

  useEffect(() => {
    const onChange = () => refresh.current();
    const source = new EventSource(url);
    let dropped = false;
    source.addEventListener("ready", () => {
      setConnection("live");
      if (dropped) onChange();
      dropped = false;
    });
    source.addEventListener("change", onChange);
    source.addEventListener("resync", onChange);
    source.onerror = () => {
      dropped = true;
      setConnection("reconnecting");
    };
    return () => source.close();
  }, [url]);

  const label = connection === "live" ? "Live" : connection === "reconnecting" ? "Reconnecting…" : "Connecting…";
  return (
    <span className="inline-flex items-center gap-1 text-xs text-slate-500" data-testid="live-status" data-state={connection} title="Updates arrive from the server as they happen.">
      <span className={`inline-block h-2 w-2 rounded-full ${connection === "live" ? "bg-emerald-500" : "bg-amber-400"}`} aria-hidden />
      {label}
    </span>
  );
}
