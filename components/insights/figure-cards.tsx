import type { FigureSummary } from "@/lib/insights/report";
import { formatDuration, formatRate } from "./format";

function Card({ label, value, detail, testId }: { label: string; value: string; detail: string; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid={testId}>
      <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold text-slate-900" data-testid={`${testId}-value`}>
        {value}
      </dd>
      <dd className="mt-1 text-xs text-slate-600">{detail}</dd>
    </div>
  );
}

/** The four figures of the selection, one card each, with the counts behind them. */
export function FigureCards({ summary, days }: { summary: FigureSummary; days: number }) {
  const perDay = summary.deploymentsPerDay;
  return (
    <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label="Delivery figures">
      <Card
        testId="figure-frequency"
        label="Deployment frequency"
        value={`${perDay >= 10 ? Math.round(perDay) : Math.round(perDay * 100) / 100} / day`}
        detail={`${summary.deployments} deployments and ${summary.rollbacks} rollbacks in ${Math.round(days)} days`}
      />
      <Card
        testId="figure-lead-time"
        label="Lead time for changes"
        value={formatDuration(summary.leadTime.medianSeconds)}
        detail={`median; p90 ${formatDuration(summary.leadTime.p90Seconds)}; ${summary.leadTime.measured} of ${summary.leadTime.deployments} deployments measured`}
      />
      <Card
        testId="figure-change-failure"
        label="Change failure rate"
        value={formatRate(summary.changeFailure.rate)}
        detail={`${summary.changeFailure.failed} of ${summary.changeFailure.deployments} deployments failed within ${formatDuration(summary.changeFailure.windowSeconds)}`}
      />
      <Card
        testId="figure-restore"
        label="Time to restore"
        value={formatDuration(summary.timeToRestore.medianSeconds)}
        detail={`median of ${summary.timeToRestore.restored} restored; ${summary.timeToRestore.unrestored} not restored yet`}
      />
    </dl>
  );
}
