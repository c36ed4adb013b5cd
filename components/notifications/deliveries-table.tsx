/** A delivery as the page shows it, with its attempts. */
export interface DeliveryRowView {
  id: string;
  subscription: string;
  trigger: string;
  app: string;
  revision: string;
  status: string;
  text: string;
  createdAt: string;
  nextAttemptAt: string | null;
  attempts: { number: number; at: string; ok: boolean; code: number | null; error: string | null }[];
}

const STATUS_STYLE: Record<string, string> = {
  sent: "bg-emerald-50 text-emerald-800",
  pending: "bg-amber-50 text-amber-800",
  failed: "bg-rose-50 text-rose-800",
};

const when = (iso: string) => iso.slice(0, 19).replace("T", " ");

/** Deliveries and every attempt (time, code, secret-free error), newest first. */
export function DeliveriesTable({ deliveries, empty }: { deliveries: DeliveryRowView[]; empty: string }) {
  return (
    <table className="min-w-full divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
      <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
        <tr>
          {["Created", "App", "Trigger", "Revision", "Subscription", "Status", "Attempts"].map((h) => (
            <th key={h} className="px-3 py-2">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {deliveries.length === 0 && (
          <tr>
            <td colSpan={7} className="px-3 py-4 text-center text-slate-500">
              {empty}
            </td>
          </tr>
        )}
        {deliveries.map((d) => (
          <tr key={d.id} data-testid={`delivery-${d.id}`} className="align-top">
            <td className="whitespace-nowrap px-3 py-2 text-xs">{when(d.createdAt)}</td>
            <td className="px-3 py-2">
              <a href={`/apps/${encodeURIComponent(d.app)}`} className="text-indigo-700 hover:underline">
                {d.app}
              </a>
            </td>
            <td className="px-3 py-2 text-xs">{d.trigger}</td>
            <td className="px-3 py-2 font-mono text-xs">{d.revision ? d.revision.slice(0, 7) : "—"}</td>
            <td className="px-3 py-2 text-xs">{d.subscription}</td>
            <td className="px-3 py-2">
              <span className={`rounded px-1.5 py-0.5 text-xs ${STATUS_STYLE[d.status] ?? ""}`}>{d.status}</span>
              {d.nextAttemptAt && <div className="text-xs text-slate-500">next try {when(d.nextAttemptAt)}</div>}
            </td>
            <td className="px-3 py-2 text-xs">
              <ol className="space-y-0.5">
                {d.attempts.map((a) => (
                  <li key={a.number}>
                    #{a.number} {when(a.at)} {a.ok ? "✓" : "✗"} {a.code ?? ""} {a.error ? <span className="text-rose-700">{a.error}</span> : null}
                  </li>
                ))}
              </ol>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
