import { describe, expect, it } from "vitest";
import { insightsCsv } from "./insights-csv";
import { resolveInsightsQuery } from "./query";
import { buildInsightsReport } from "./report";
import { at, op } from "./testing/records";

/**
 * A fixture history, figures computed by hand:
 * - web (team-a): deploys a (lead 10 min), b (lead 30 min; rolled back 20 min later: a failed
 *   change; the rollback takes 2 min and leaves web Healthy: restored in 120 s), then c (lead
 *   50 min) — 3 deployments, 1 rollback.
 * - api (team-a): deploys a (lead 20 min), then a failed sync of b 30 min later (a failed
 *   change; never restored).
 * - docs (team-b): one dry run and one no-op after a deployment before the range: nothing.
 */
const APPS = [
  { name: "web", project: "team-a" },
  { name: "api", project: "team-a" },
  { name: "docs", project: "team-b" },
];
const HISTORY = [
  op({ app: "web", project: "team-a", start: 100, revision: "a", revisionCommittedAt: at(91) }),
  op({ app: "web", project: "team-a", start: 200, revision: "b", revisionCommittedAt: at(171) }),
  op({ app: "web", project: "team-a", start: 221, minutes: 2, kind: "rollback", revision: "a" }),
  op({ app: "web", project: "team-a", start: 2000, revision: "c", revisionCommittedAt: at(1951) }),
  op({ app: "api", project: "team-a", start: 300, revision: "a", revisionCommittedAt: at(281) }),
  op({ app: "api", project: "team-a", start: 330, revision: "b", phase: "Failed" }),
  op({ app: "docs", project: "team-b", start: -5000, revision: "a" }),
  op({ app: "docs", project: "team-b", start: 400, revision: "a" }),
  op({ app: "docs", project: "team-b", start: 500, revision: "b", dryRun: true }),
];
/** Reads a CSV without quoted cells (none of the fixture's values need quoting) into objects. */
function parseCsv(text: string): Record<string, string>[] {
  const [header = "", ...lines] = text.trimEnd().split("\r\n");
  const names = header.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((cell, i) => [names[i] ?? "", cell])));
}

const query = resolveInsightsQuery({ from: at(0), to: at(7 * 24 * 60) }, at(7 * 24 * 60));

describe("buildInsightsReport", () => {
  const report = buildInsightsReport(HISTORY, APPS, query);

  it("sums the figures of every app matching hand-computed values", () => {
    expect(report.summary).toMatchObject({
      deployments: 4,
      rollbacks: 1,
      failedSyncs: 1,
      deploymentsPerDay: 4 / 7,
      leadTime: { deployments: 4, measured: 4, medianSeconds: 25 * 60, p90Seconds: 50 * 60 },
      changeFailure: { deployments: 4, failed: 2, rate: 0.5, windowSeconds: 3600 },
      timeToRestore: { incidents: 2, restored: 1, unrestored: 1, medianSeconds: 120 },
    });
  });

  it("gives each project and each app its own figures, apps without deployments included", () => {
    expect(report.projects.map((p) => [p.project, p.deployments, p.changeFailure.rate])).toEqual([
      ["team-a", 4, 0.5],
      ["team-b", 0, null],
    ]);
    expect(report.apps.map((a) => [a.app, a.deployments, a.rollbacks, a.changeFailure.failed])).toEqual([
      ["api", 1, 0, 1],
      ["docs", 0, 0, 0],
      ["web", 3, 1, 1],
    ]);
  });

  it("filters by project and app", () => {
    const onlyApi = buildInsightsReport(HISTORY, APPS, { ...query, app: "api" });
    expect(onlyApi.summary.deployments).toBe(1);
    expect(onlyApi.apps.map((a) => a.app)).toEqual(["api"]);
    expect(onlyApi.choices.apps).toEqual(["api", "docs", "web"]);
    expect(buildInsightsReport(HISTORY, APPS, { ...query, project: "team-b" }).summary.deployments).toBe(0);
  });

  it("charts deployments per day and each lead time", () => {
    expect(report.series.periods).toHaveLength(7);
    expect(report.series.periods[0]).toEqual({ start: "2026-11-01T00:00:00.000Z", deployments: 3, rollbacks: 1 });
    expect(report.series.periods[1]?.deployments).toBe(1);
    expect(report.series.leadTimes.map((s) => [s.app, s.seconds / 60])).toEqual([
      ["web", 10],
      ["web", 30],
      ["api", 20],
      ["web", 50],
    ]);
  });

  it("exports one CSV row per scope and figure", () => {
    const rows = parseCsv(insightsCsv(report));
    expect(rows).toHaveLength((1 + 2 + 3) * 12);
    const value = (scope: string, name: string, figure: string) => rows.find((r) => r.scope === scope && (r.app === name || r.project === name) && r.figure === figure)?.value;
    expect(value("all", "", "change_failure_rate")).toBe("0.5");
    expect(value("app", "web", "deployments")).toBe("3");
    expect(value("app", "web", "lead_time_median")).toBe("1800");
    expect(value("project", "team-b", "change_failure_rate")).toBe("");
    expect(rows[0]).toMatchObject({ from: "2026-11-01T00:00:00.000Z", to: "2026-11-08T00:00:00.000Z" });
  });
});

describe("the report in other time zones", () => {
  it("is the same whatever the process's time zone", () => {
    const original = process.env.TZ;
    try {
      process.env.TZ = "UTC";
      const utc = JSON.stringify(buildInsightsReport(HISTORY, APPS, query));
      process.env.TZ = "Pacific/Kiritimati";
      expect(new Date("2026-11-01T00:00:00Z").getTimezoneOffset()).toBe(-14 * 60);
      expect(JSON.stringify(buildInsightsReport(HISTORY, APPS, query))).toBe(utc);
      process.env.TZ = "America/Los_Angeles";
      expect(JSON.stringify(buildInsightsReport(HISTORY, APPS, query))).toBe(utc);
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});

describe("resolveInsightsQuery", () => {
  const now = new Date("2026-11-30T12:00:00Z");

  it("defaults to the last 30 days, a one-hour window and days", () => {
    expect(resolveInsightsQuery({}, now)).toEqual({ range: { from: new Date("2026-10-31T12:00:00Z"), to: now }, windowMs: 3_600_000, period: "day" });
  });

  it("refuses a range that ends before it starts, or longer than a year", () => {
    expect(() => resolveInsightsQuery({ from: now, to: now }, now)).toThrow("The range must start before it ends");
    expect(() => resolveInsightsQuery({ days: 400 }, now)).toThrow("at most 366 days");
  });
});
