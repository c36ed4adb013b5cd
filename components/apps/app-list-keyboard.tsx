"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { refreshAction } from "@/app/apps/actions";
import { listKeyAction, movedIndex, SHORTCUTS, type KeyTarget, type ListAction } from "./list-keys";

/** The attribute each app row carries, holding the app's name. */
const ROW_SELECTOR = "[data-app-row]";

function targetOf(element: EventTarget | null): KeyTarget {
  if (!(element instanceof HTMLElement)) return "other";
  if (element.isContentEditable || element.matches("input, textarea, select")) return "text";
  return element.closest("a, button, [role='button']") ? "control" : "other";
}

function KeyboardHelp({ onClose }: { onClose: () => void }) {
  return (
    <div role="dialog" aria-label="Keyboard shortcuts" className="fixed inset-0 z-20 flex items-center justify-center bg-slate-900/40" onClick={onClose}>
      <div className="w-full max-w-sm rounded-lg bg-white p-5 shadow-xl" onClick={(event) => event.stopPropagation()}>
        <h2 className="mb-3 text-lg font-semibold">Keyboard shortcuts</h2>
        <dl className="space-y-1.5 text-sm" data-testid="keyboard-shortcuts">
          {SHORTCUTS.map((shortcut) => (
            <div key={shortcut.does} className="flex items-center gap-3">
              <dt className="flex w-20 shrink-0 gap-1">
                {shortcut.keys.map((key) => (
                  <kbd key={key} className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs">
                    {key}
                  </kbd>
                ))}
              </dt>
              <dd className="text-slate-700">{shortcut.does}</dd>
            </div>
          ))}
        </dl>
        <button type="button" onClick={onClose} className="mt-4 rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100">
          Close
        </button>
      </div>
    </div>
  );
}

/**
 * Keyboard navigation of the Applications list (as mail and code-review tools do it): j/k or
 * the arrows move a highlight between the rows it wraps, Enter opens the highlighted app, r
 * refreshes it, / jumps to the search box `searchId`, Escape leaves it, ? shows the help. Keys
 * typed into a field are never taken.
 */
export function AppListKeyboard({ children, searchId, mayRefresh }: { children: ReactNode; searchId: string; mayRefresh: boolean }) {
  const router = useRouter();
  const container = useRef<HTMLDivElement>(null);
  const [focused, setFocused] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null);

  const rows = useCallback(() => [...(container.current?.querySelectorAll<HTMLElement>(ROW_SELECTOR) ?? [])], []);

  useEffect(() => {
    for (const row of rows()) {
      if (row.dataset.appRow === focused) {
        row.dataset.focused = "true";
        row.scrollIntoView({ block: "nearest" });
      } else delete row.dataset.focused;
    }
  }, [focused, rows]);

  const perform = useCallback(
    (action: ListAction) => {
      const names = rows().map((row) => row.dataset.appRow ?? "");
      switch (action.type) {
        case "move":
          setFocused(names[movedIndex(focused === null ? -1 : names.indexOf(focused), action.delta, names.length)] ?? null);
          return;
        case "open":
          if (focused !== null && names.includes(focused)) router.push(`/apps/${encodeURIComponent(focused)}`);
          return;
        case "refresh":
          if (focused === null || !names.includes(focused)) return;
          setNotice({ error: false, text: `Refreshing ${focused}…` });
          void refreshAction(focused)
            .then((state) => {
              setNotice(state.error ? { error: true, text: `${focused}: ${state.error}` } : { error: false, text: `${focused}: ${state.message ?? "Refreshed."}` });
              router.refresh();
            })
            .catch(() => setNotice({ error: true, text: `${focused} could not be refreshed: you may not refresh it, or the server could not be reached.` }));
          return;
        case "focus-search": {
          const search = document.getElementById(searchId);
          search?.focus();
          if (search instanceof HTMLInputElement) search.setSelectionRange(search.value.length, search.value.length);
          return;
        }
        case "leave-search":
          if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
          return;
        case "toggle-help":
          setHelpOpen((open) => !open);
          return;
        case "close-help":
          setHelpOpen(false);
      }
    },
    [focused, router, rows, searchId],
  );

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const action = listKeyAction({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, target: targetOf(event.target) }, { helpOpen, mayRefresh });
      if (!action) return;
      event.preventDefault();
      perform(action);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [helpOpen, mayRefresh, perform]);

  return (
    <div ref={container} data-testid="app-list" data-focused-app={focused ?? ""}>
      {children}
      <div className="mt-2 flex items-center gap-3 text-xs text-slate-500">
        <button type="button" onClick={() => setHelpOpen(true)} className="hover:text-slate-800 hover:underline" data-testid="keyboard-help-button">
          Keyboard shortcuts <kbd className="rounded border border-slate-300 bg-slate-50 px-1 font-mono">?</kbd>
        </button>
        {notice && (
          <span role="status" className={notice.error ? "text-rose-700" : "text-emerald-700"}>
            {notice.text}
          </span>
        )}
      </div>
      {helpOpen && <KeyboardHelp onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
