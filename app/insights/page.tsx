import Link from "next/link";
import { BarChart } from "@/components/insights/bar-chart";
import { InsightsDefinitions } from "@/components/insights/definitions";
import { FigureCards } from "@/components/insights/figure-cards";
import { FiguresTable } from "@/components/insights/figures-table";
import { formatDay, formatDuration } from "@/components/insights/format";
import { TimeChart } from "@/components/insights/time-chart";
import { getEngine } from "@/lib/engine/current";
import { isValidationError } from "@/lib/errors";
import type { InsightsQuery } from "@/lib/insights/query";
import type { InsightsReport } from "@/lib/insights/report";
import { appVisibilityFor } from "../_auth/app-project";
import { requireUser } from "../_auth/session";
import { rangeFromParams, type InsightsParams } from "./range";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function one(value: string | string[] | undefined, max = 63): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first ? first.slice(0, max) : undefined;
}

const SELECT = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";

/** Delivery metrics for team leads: deployment frequency, lead time, change failure rate and time to restore, from history. */
export default async function InsightsPage({ searchParams }: { searchParams: SearchParams }) {
  const principal = await requireUser("viewer");
  const raw = await searchParams;
  const params: InsightsParams = { range: one(raw.range), from: one(raw.from, 10), to: one(raw.to, 10), app: one(raw.app), project: one(raw.project), window: one(raw.window, 5) };
  const engine = getEngine();
  let report: InsightsReport | undefined;
  let problem: string | undefined;
  try {
    const query: InsightsQuery = { ...rangeFromParams(params), ...(params.app ? { app: params.app } : {}), ...(params.project ? { project: params.project } : {}) };
    report = await engine.insights({ ...query, canSee: await appVisibilityFor(engine, principal) });
  } catch (error) {
    if (!isValidationError(error)) throw error;
    problem = error.fields.map((f) => f.message).join(" ");
  }
  const exportQuery = new URLSearchParams(
    report
      ? { from: report.range.from, to: report.range.to, window: String(report.range.windowSeconds / 60), ...(params.app ? { app: params.app } : {}), ...(params.project ? { project: params.project } : {}) }
      : {},
  );
  const days = report ? (Date.parse(report.range.to) - Date.parse(report.range.from)) / 86_400_000 : 0;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <h1 className="mr-auto text-2xl font-semibold">Insights</h1>
        <form className="flex flex-wrap items-end gap-2" action="/insights" aria-label="Insights filters">
          <select name="range" defaultValue={params.range ?? (params.from ? "custom" : "30")} aria-label="Time range" className={SELECT}>
            <option value="7">Last 7 days</option>
            <option value="30">Last 30 days</option>
            <option value="90">Last 90 days</option>
            <option value="custom">From … to …</option>
          </select>
          <input type="date" name="from" defaultValue={params.from ?? ""} aria-label="From (UTC day, with the range From … to …)" className={SELECT} />
          <input type="date" name="to" defaultValue={params.to ?? ""} aria-label="To (UTC day, included)" className={SELECT} />
          <select name="project" defaultValue={params.project ?? ""} aria-label="Project" className={SELECT}>
            <option value="">All projects</option>
            {report?.choices.projects.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          <select name="app" defaultValue={params.app ?? ""} aria-label="Application" className={SELECT}>
            <option value="">All applications</option>
            {report?.choices.apps.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
          <input type="number" name="window" min={1} max={10080} defaultValue={params.window ?? "60"} aria-label="Change failure window in minutes" title="Change failure window (minutes)" className={`${SELECT} w-24`} />
          <button className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100">Show</button>
        </form>
        {report && (
          <span className="flex gap-2 text-sm">
            <a href={`/api/insights.csv?${exportQuery}`} className="text-indigo-700 hover:underline" download>
              Export CSV
            </a>
            <a href={`/api/insights?${exportQuery}`} className="text-indigo-700 hover:underline">
              JSON
            </a>
          </span>
        )}
      </div>
      {problem && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {problem}
        </p>
      )}
      {report && (
        <>
          <p className="text-sm text-slate-600">
            Delivery from {formatDay(report.range.from)} to {formatDay(new Date(Date.parse(report.range.to) - 1).toISOString())} (UTC), from the history Lockstep keeps.{" "}
            {(params.app || params.project) && (
              <Link href="/insights" className="text-indigo-700 hover:underline">
                Clear filters
              </Link>
            )}
          </p>
          <FigureCards summary={report.summary} days={days} />
          <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
            <BarChart
              title={`Deployments per ${report.range.period}`}
              description={`Deployments that finished each UTC ${report.range.period}; ${report.summary.deployments} in all.`}
              bars={report.series.periods.map((p) => ({ label: formatDay(p.start), value: p.deployments, detail: `${formatDay(p.start)}: ${p.deployments} deployments, ${p.rollbacks} rollbacks` }))}
            />
            <TimeChart
              title="Lead time for changes"
              description={`Each deployment's time from commit to synced; median ${formatDuration(report.summary.leadTime.medianSeconds)}.`}
              points={report.series.leadTimes.map((s) => ({ at: s.deployedAt, value: s.seconds, detail: `${s.app} ${s.revision?.slice(0, 7) ?? ""}: ${formatDuration(s.seconds)}` }))}
              from={report.range.from}
              to={report.range.to}
              format={formatDuration}
            />
          </div>
          <FiguresTable caption="Per project" testId="insights-projects" rows={report.projects.map((p) => ({ ...p, name: p.project, href: `/insights?${new URLSearchParams({ ...withoutFilters(params), project: p.project })}` }))} />
          <FiguresTable caption="Per application" testId="insights-apps" rows={report.apps.map((a) => ({ ...a, name: a.app, href: `/apps/${a.app}?tab=history` }))} />
          <InsightsDefinitions windowText={formatDuration(report.range.windowSeconds)} />
        </>
      )}
    </div>
  );
}

/** The range and window of the current view, without the app and project filters. */
function withoutFilters(params: InsightsParams): Record<string, string> {
  return Object.fromEntries(Object.entries({ range: params.range, from: params.from, to: params.to, window: params.window }).filter((e): e is [string, string] => Boolean(e[1])));
}
