import type { OperationRecord } from "@/lib/engine/facade";

type Result = OperationRecord["results"][number];

const HOOK_STATE_STYLE: Record<NonNullable<Result["hook"]>["state"], string> = {
  Running: "bg-sky-100 text-sky-800",
  Succeeded: "bg-emerald-100 text-emerald-800",
  Failed: "bg-rose-100 text-rose-800",
};

/** A stable React key for a result: a hook may run in two phases under one subject. */
export function resultKey(result: Result): string {
  return `${result.subject}|${result.hook?.phase ?? ""}`;
}

/** One resource's result in an operation: subject, action, and for a hook its phase and state. */
export function ResultLine({ result, withMessage = false }: { result: Result; withMessage?: boolean }) {
  return (
    <li data-testid={result.hook ? "hook-result" : "resource-result"}>
      <span className="font-mono">{result.subject}</span> — <span className={result.action === "failed" ? "text-rose-700" : ""}>{result.action}</span>
      {result.hook && (
        <span className={`ml-1 rounded px-1 ${HOOK_STATE_STYLE[result.hook.state]}`}>
          {result.hook.phase} hook: {result.hook.state}
        </span>
      )}
      {withMessage && result.message && <span className="text-slate-500"> ({result.message})</span>}
    </li>
  );
}
