import { describe, expect, it } from "vitest";
import { fieldErrors } from "@/lib/apps/spec";
import { DEFAULT_PROJECT_SPEC, projectSpecSchema, projectUpdateSchema } from "./schema";

const window = { kind: "deny", schedule: "0 22 * * 1-5", duration: "8h", timeZone: "Europe/Berlin" };

function errorsOf(windowOverride: Record<string, unknown>) {
  const result = projectSpecSchema.safeParse({ name: "team-a", syncWindows: [{ ...window, ...windowOverride }] });
  return result.success ? [] : fieldErrors(result.error);
}

describe("a project's sync windows", () => {
  it("accepts a five-field schedule in an IANA time zone, and a nickname", () => {
    expect(errorsOf({})).toEqual([]);
    expect(errorsOf({ schedule: "@daily", timeZone: "UTC" })).toEqual([]);
  });

  it.each([
    [{ schedule: "0 25 * * *" }, "syncWindows.0.schedule", 'Schedule "0 25 * * *" is not a valid cron expression (Invalid value for hour: 25).'],
    [{ schedule: "0 22 * *" }, "syncWindows.0.schedule", 'Schedule "0 22 * *" must be a five-field cron expression such as "0 22 * * 1-5".'],
    [{ schedule: "0 0 22 * * *" }, "syncWindows.0.schedule", 'Schedule "0 0 22 * * *" must be a five-field cron expression such as "0 22 * * 1-5".'],
    [{ timeZone: "Mars/Olympus" }, "syncWindows.0.timeZone", 'Time zone "Mars/Olympus" is not an IANA time zone such as "Europe/Berlin" or "UTC".'],
    [{ duration: "8 hours" }, "syncWindows.0.duration", "Duration must look like 30m, 1h, 1h30m or 2d."],
    [{ duration: "0h" }, "syncWindows.0.duration", "Duration must be longer than zero."],
  ])("refuses %o with one sentence on its field", (override, field, message) => {
    expect(errorsOf(override)).toEqual([{ field, message }]);
  });
});

describe("projectUpdateSchema", () => {
  it("keeps what an update leaves out absent, so a PATCH changes only what it names", () => {
    expect(projectUpdateSchema.parse({ description: "Team A." })).toEqual({ description: "Team A." });
  });

  it("validates the sync windows an update names", () => {
    const result = projectUpdateSchema.safeParse({ syncWindows: [{ ...window, timeZone: "Nowhere/Else" }] });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrors(result.error).map((e) => e.field)).toEqual(["syncWindows.0.timeZone"]);
  });
});

describe("the default project", () => {
  it("allows any repository and the app's own namespace, and nothing else", () => {
    expect(DEFAULT_PROJECT_SPEC).toMatchObject({ name: "default", sourceRepos: ["*"], appNamespace: true, destinations: [], clusterResources: [], roles: [], syncWindows: [] });
  });
});
