import { describe, expect, it } from "vitest";
import { insightsCsv } from "./insights-csv";
import { resolveInsightsQuery } from "./query";
import { buildInsightsReport } from "./report";
import { APPS, FIRST_WEEK, HISTORY } from "./testing/history";

/** Reads a CSV without quoted cells (none of the fixture's values need quoting) into objects. */
function parseCsv(text: string): Record<string, string>[] {
  const [header = "", ...lines] = text.trimEnd().split("\r\n");
  const names = header.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((cell, i) => [names[i] ?? "", cell])));
}

const query = resolveInsightsQuery(FIRST_WEEK, FIRST_WEEK.to);

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

  it("gives each app every figure matching hand-computed values", () => {
    const byApp = new Map(report.apps.map((a) => [a.app, a]));
    expect(byApp.get("web")).toMatchObject({
      project: "team-a",
      deployments: 3,
      rollbacks: 1,
      failedSyncs: 0,
      deploymentsPerDay: 3 / 7,
      leadTime: { deployments: 3, measured: 3, medianSeconds: 30 * 60, p90Seconds: 50 * 60 },
      changeFailure: { deployments: 3, failed: 1, rate: 1 / 3 },
      timeToRestore: { incidents: 1, restored: 1, unrestored: 0, medianSeconds: 120 },
    });
    expect(byApp.get("api")).toMatchObject({
      deployments: 1,
      rollbacks: 0,
      failedSyncs: 1,
      leadTime: { deployments: 1, measured: 1, medianSeconds: 20 * 60, p90Seconds: 20 * 60 },
      changeFailure: { deployments: 1, failed: 1, rate: 1 },
      timeToRestore: { incidents: 1, restored: 0, unrestored: 1, medianSeconds: null },
    });
    expect(byApp.get("docs")).toMatchObject({ deployments: 0, rollbacks: 0, failedSyncs: 0, leadTime: { medianSeconds: null }, changeFailure: { rate: null }, timeToRestore: { incidents: 0 } });
    expect(report.projects.find((p) => p.project === "team-a")).toMatchObject({ ...report.summary, project: "team-a" });
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
