import { describe, expect, it } from "vitest";
import { refreshSummary, type RefreshResult } from "./refresh-summary";

const synced = (name: string): RefreshResult => ({ name, syncStatus: "Synced" });

describe("refreshSummary", () => {
  it("says there was nothing to refresh when no app was refreshed", () => {
    expect(refreshSummary([])).toEqual({ tone: "success", text: "No application to refresh." });
  });

  it("counts the refreshed apps and those out of sync", () => {
    expect(refreshSummary([synced("a"), { name: "b", syncStatus: "OutOfSync" }, synced("c")])).toEqual({
      tone: "success",
      text: "Refreshed 3 of 3 applications, 1 out of sync.",
    });
  });

  it("speaks of one application in the singular", () => {
    expect(refreshSummary([synced("a")]).text).toBe("Refreshed 1 of 1 application.");
  });

  it("names the first three failures with their reasons and counts the rest", () => {
    const failed = ["a", "b", "c", "d", "e"].map((name): RefreshResult => ({ name, syncStatus: "Unknown", error: "repository unreachable" }));
    const summary = refreshSummary([synced("ok"), ...failed]);
    expect(summary.tone).toBe("warning");
    expect(summary.text).toBe(
      "Refreshed 1 of 6 applications; could not refresh a (repository unreachable), b (repository unreachable), c (repository unreachable) and 2 more.",
    );
  });

  it("does not count a failed app as out of sync", () => {
    expect(refreshSummary([{ name: "a", syncStatus: "OutOfSync", error: "boom" }]).text).toBe("Refreshed 0 of 1 application; could not refresh a (boom).");
  });
});
