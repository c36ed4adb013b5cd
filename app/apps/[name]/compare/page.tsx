import Link from "next/link";
import { requireUser } from "@/app/_auth/session";
import { UnifiedDiff } from "@/components/diff/unified-diff";
import { Time } from "@/components/ui/time";
import type { HistoryComparison } from "@/lib/engine/history";
import { getEngine } from "@/lib/engine/current";
import { isDomainError } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ name: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function EntryLabel({ entry }: { entry: HistoryComparison["from"] }) {
  return (
    <span>
      <code>{entry.revision ? entry.revision.slice(0, 7) : entry.id}</code> {entry.revisionSubject} ({entry.kind}, <Time value={entry.startedAt} />)
    </span>
  );
}

/** The manifests two history entries applied, compared resource by resource (Secret values masked). */
export default async function CompareHistoryPage({ params, searchParams }: Props) {
  const { name } = await params;
  await requireUser("viewer", name);
  const query = await searchParams;
  const from = one(query.from);
  const to = one(query.to);
  const back = (
    <p className="text-sm text-slate-500">
      <Link href="/" className="hover:underline">
        Applications
      </Link>{" "}
      /{" "}
      <Link href={`/apps/${name}?tab=history`} className="hover:underline">
        {name}
      </Link>{" "}
      / compare
    </p>
  );
  if (!from || !to) {
    return (
      <div>
        {back}
        <p className="mt-4 text-sm text-rose-700" role="alert">
          Pick two history entries to compare: one in column A and one in column B.
        </p>
      </div>
    );
  }
  let comparison: HistoryComparison;
  try {
    comparison = await getEngine().operations.compareHistory(name, from, to);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return (
      <div>
        {back}
        <p className="mt-4 text-sm text-rose-700" role="alert">
          {error.message}
        </p>
      </div>
    );
  }
  const changed = comparison.resources.filter((r) => r.change !== "unchanged");
  return (
    <div>
      {back}
      <h1 className="mb-2 text-2xl font-semibold">Compare manifests</h1>
      <p className="text-sm">
        A: <EntryLabel entry={comparison.from} />
      </p>
      <p className="mb-4 text-sm">
        B: <EntryLabel entry={comparison.to} />
      </p>
      {changed.length === 0 && <p className="text-sm text-slate-500">Both entries applied the same manifests.</p>}
      <div className="space-y-4">
        {changed.map((r) => (
          <section key={r.subject} data-testid="compare-resource">
            <h3 className="mb-1 font-mono text-sm">
              {r.subject} <span className="text-slate-500">({r.change})</span>
            </h3>
            {r.changedPaths.length > 0 && <p className="mb-1 text-xs text-slate-600">Changed: {r.changedPaths.join(", ")}</p>}
            <UnifiedDiff text={r.diff} />
          </section>
        ))}
      </div>
      {comparison.resources.length > changed.length && <p className="mt-4 text-xs text-slate-500">{comparison.resources.length - changed.length} resource(s) unchanged.</p>}
    </div>
  );
}
