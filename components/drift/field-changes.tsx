import type { FieldChange } from "@/lib/drift/managers";

/** How a field manager is named on the page: `kubectl (scale)` for a write through a subresource. */
export function managerLabel(change: FieldChange): string {
  if (!change.manager) return "unknown writer";
  return change.subresource ? `${change.manager} (${change.subresource})` : change.manager;
}

/** Changed fields, each with the field manager that wrote the live value. */
export function FieldChanges({ changes }: { changes: FieldChange[] }) {
  if (changes.length === 0) return null;
  return (
    <ul className="space-y-0.5 text-xs" data-testid="field-changes">
      {changes.map((c) => (
        <li key={c.path} data-testid="field-change" data-manager={c.manager ?? ""}>
          <code className="text-slate-800">{c.path}</code> <span className="text-slate-500">changed by</span>{" "}
          <span className="font-medium text-amber-800" data-testid="field-manager">
            {managerLabel(c)}
          </span>
        </li>
      ))}
    </ul>
  );
}
