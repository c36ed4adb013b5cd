import { describe, expect, it } from "vitest";
import { syncWindowSchema, type SyncWindow } from "./schema";
import { syncWindowVerdict } from "./sync-windows";

function window(fields: Partial<SyncWindow> & Pick<SyncWindow, "kind" | "schedule" | "duration">): SyncWindow {
  return syncWindowSchema.parse(fields);
}

const at = (iso: string) => new Date(iso);
const nightlyAllow = window({ kind: "allow", schedule: "0 22 * * *", duration: "3h" });
const berlinOfficeHours = window({ kind: "allow", schedule: "0 9 * * 1-5", duration: "8h", timeZone: "Europe/Berlin" });
const newYorkNightlyDeny = window({ kind: "deny", schedule: "0 23 * * *", duration: "2h", timeZone: "America/New_York" });
const alwaysAllow = window({ kind: "allow", schedule: "0 0 * * *", duration: "1d" });
const lateDeny = window({ kind: "deny", schedule: "0 22 * * *", duration: "1h" });

describe("syncWindowVerdict", () => {
  it("is open with no windows at all", () => {
    expect(syncWindowVerdict([], { app: "web", now: at("2024-06-01T12:00:00Z") })).toEqual({ open: true });
  });

  it.each([
    ["2024-06-01T21:59:00Z", false, undefined, "2024-06-01T22:00:00.000Z"],
    ["2024-06-01T23:30:00Z", true, "2024-06-02T01:00:00.000Z", undefined],
    ["2024-06-02T00:30:00Z", true, "2024-06-02T01:00:00.000Z", undefined],
    ["2024-06-02T01:00:00Z", false, undefined, "2024-06-02T22:00:00.000Z"],
  ])("at %s, an allow window across midnight is open: %s, closing at %s, opening at %s", (now, open, closesAt, opensAt) => {
    const verdict = syncWindowVerdict([nightlyAllow], { app: "web", now: at(now) });
    expect(verdict.open).toBe(open);
    expect(verdict.closesAt?.toISOString()).toBe(closesAt);
    expect(verdict.opensAt?.toISOString()).toBe(opensAt);
  });

  it.each([
    ["Monday 08:30 in Berlin summer time", "2024-06-03T06:30:00Z", false, undefined, "2024-06-03T07:00:00.000Z"],
    ["Monday 09:30 in Berlin summer time", "2024-06-03T07:30:00Z", true, "2024-06-03T15:00:00.000Z", undefined],
    ["Monday 09:30 in Berlin winter time", "2024-01-08T08:30:00Z", true, "2024-01-08T16:00:00.000Z", undefined],
    ["Saturday noon in Berlin", "2024-06-01T10:00:00Z", false, undefined, "2024-06-03T07:00:00.000Z"],
  ])("reads office hours in Europe/Berlin on %s", (_when, now, open, closesAt, opensAt) => {
    const verdict = syncWindowVerdict([berlinOfficeHours], { app: "web", now: at(now) });
    expect(verdict.open).toBe(open);
    expect(verdict.closesAt?.toISOString()).toBe(closesAt);
    expect(verdict.opensAt?.toISOString()).toBe(opensAt);
  });

  it("closes during a deny window that runs past midnight in New York and says when it opens", () => {
    const verdict = syncWindowVerdict([newYorkNightlyDeny], { app: "web", now: at("2024-06-02T04:30:00Z") });
    expect(verdict).toMatchObject({ open: false, window: newYorkNightlyDeny, opensAt: at("2024-06-02T05:00:00Z") });
    expect(verdict.reason).toBe('The deny window "0 23 * * *" for 2h (America/New_York) is active.');
  });

  it("warns that syncing is about to close when a deny window opens within the hour", () => {
    expect(syncWindowVerdict([newYorkNightlyDeny], { app: "web", now: at("2024-06-02T02:30:00Z") })).toMatchObject({
      open: true,
      closesAt: at("2024-06-02T03:00:00Z"),
    });
    expect(syncWindowVerdict([newYorkNightlyDeny], { app: "web", now: at("2024-06-02T01:00:00Z") }).closesAt).toBeUndefined();
  });

  it("lets an active deny window beat an active allow window", () => {
    const verdict = syncWindowVerdict([alwaysAllow, lateDeny], { app: "web", now: at("2024-06-01T22:30:00Z") });
    expect(verdict).toMatchObject({ open: false, window: lateDeny, opensAt: at("2024-06-01T23:00:00Z") });
  });

  it("inside an allow window, closes at the next deny window if that comes first", () => {
    const verdict = syncWindowVerdict([alwaysAllow, lateDeny], { app: "web", now: at("2024-06-01T12:00:00Z") });
    expect(verdict).toMatchObject({ open: true, window: alwaysAllow, closesAt: at("2024-06-01T22:00:00Z") });
  });

  it("lets a manual sync through a deny window with manualSync, but not an automated one", () => {
    const manualDeny = { ...lateDeny, manualSync: true };
    const now = at("2024-06-01T22:30:00Z");
    expect(syncWindowVerdict([manualDeny], { app: "web", now, manual: true })).toMatchObject({ open: true, window: manualDeny });
    expect(syncWindowVerdict([manualDeny], { app: "web", now, manual: false }).open).toBe(false);
    expect(syncWindowVerdict([lateDeny], { app: "web", now, manual: true }).open).toBe(false);
  });

  it("keeps a manual sync out when any active deny window lacks manualSync", () => {
    const now = at("2024-06-01T22:30:00Z");
    expect(syncWindowVerdict([{ ...lateDeny, manualSync: true }, { ...lateDeny, duration: "2h" }], { app: "web", now, manual: true }).open).toBe(false);
  });

  it("lets a manual sync run outside allow windows when one of them has manualSync", () => {
    const now = at("2024-06-01T12:00:00Z");
    const windows = [nightlyAllow, { ...berlinOfficeHours, manualSync: true }];
    expect(syncWindowVerdict(windows, { app: "web", now, manual: true }).open).toBe(true);
    expect(syncWindowVerdict(windows, { app: "web", now, manual: false })).toMatchObject({ open: false, opensAt: at("2024-06-01T22:00:00Z") });
  });

  it.each([
    ["billing", true],
    ["team-a-web", false],
    ["team-a-canary", true],
  ])("applies a window only to the apps its patterns match: %s is open %s", (app, open) => {
    const teamDeny = { ...lateDeny, apps: ["team-a-*", "!team-a-canary"] };
    expect(syncWindowVerdict([teamDeny], { app, now: at("2024-06-01T22:30:00Z") }).open).toBe(open);
  });
});

describe("syncWindowVerdict with overlapping openings", () => {
  it("treats openings of one window that overlap as one stretch", () => {
    const morning = window({ kind: "allow", schedule: "0 8-10 * * *", duration: "90m" });
    expect(syncWindowVerdict([morning], { app: "web", now: at("2024-06-01T09:45:00Z") })).toMatchObject({ open: true, closesAt: at("2024-06-01T11:30:00Z") });
    expect(syncWindowVerdict([morning], { app: "web", now: at("2024-06-01T11:30:00Z") })).toMatchObject({ open: false, opensAt: at("2024-06-02T08:00:00Z") });
  });

  it("finds the latest opening of a frequent window with a long duration", () => {
    const mondayNightDeny = window({ kind: "deny", schedule: "* 1 * * 1", duration: "1d" });
    const tuesday = at("2024-06-04T01:30:00Z");
    expect(syncWindowVerdict([mondayNightDeny], { app: "web", now: tuesday })).toMatchObject({ open: false, opensAt: at("2024-06-04T01:59:00Z") });
  });
});
