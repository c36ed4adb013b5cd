import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { resolveInsightsQuery } from "@/lib/insights/query";
import { buildInsightsReport } from "@/lib/insights/report";
import { APPS, FIRST_WEEK, HISTORY } from "@/lib/insights/testing/history";
import { FigureCards } from "./figure-cards";

/** The text of the element marked `data-testid="<id>"` (no nested markup in the cards' values and details). */
function textOf(markup: string, testId: string): string | undefined {
  return new RegExp(`data-testid="${testId}"[^>]*>([^<]*)<`).exec(markup)?.[1];
}

describe("FigureCards", () => {
  const report = buildInsightsReport(HISTORY, APPS, resolveInsightsQuery(FIRST_WEEK, FIRST_WEEK.to));
  const markup = renderToStaticMarkup(<FigureCards summary={report.summary} days={7} />);

  it("shows the fixture history's four figures as worked out by hand", () => {
    // 4 deployments in 7 days; lead times 10, 20, 30 and 50 min; 2 of 4 changes failed; one incident restored in 2 min.
    expect(textOf(markup, "figure-frequency-value")).toBe("0.57 / day");
    expect(textOf(markup, "figure-lead-time-value")).toBe("25 min");
    expect(textOf(markup, "figure-change-failure-value")).toBe("50%");
    expect(textOf(markup, "figure-restore-value")).toBe("2 min");
  });

  it("shows the counts behind each figure", () => {
    expect(markup).toContain("4 deployments and 1 rollbacks in 7 days");
    expect(markup).toContain("median; p90 50 min; 4 of 4 deployments measured");
    expect(markup).toContain("2 of 4 deployments failed within 1 h");
    expect(markup).toContain("median of 1 restored; 1 not restored yet");
  });

  it("writes a dash for figures without anything to measure", () => {
    const empty = buildInsightsReport(HISTORY, APPS, { ...resolveInsightsQuery(FIRST_WEEK, FIRST_WEEK.to), project: "team-b" });
    const emptyMarkup = renderToStaticMarkup(<FigureCards summary={empty.summary} days={7} />);
    expect(["frequency", "lead-time", "change-failure", "restore"].map((name) => textOf(emptyMarkup, `figure-${name}-value`))).toEqual(["0 / day", "—", "—", "—"]);
  });
});
