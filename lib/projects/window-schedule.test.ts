import { describe, expect, it } from "vitest";
import { validateSyncWindow } from "./window-schedule";

const sound = { schedule: "0 22 * * *", duration: "1h", timeZone: "Europe/Berlin" };

describe("validateSyncWindow", () => {
  it("accepts five-field schedules and nicknames in known time zones", () => {
    expect(validateSyncWindow(sound)).toBeUndefined();
    expect(validateSyncWindow({ ...sound, schedule: "@daily", timeZone: "UTC" })).toBeUndefined();
    expect(validateSyncWindow({ ...sound, schedule: "30 8 * * 1-5" })).toBeUndefined();
  });

  it.each([
    [{ schedule: "not a cron" }, 'Schedule "not a cron" must be a five-field cron expression such as "0 22 * * *".'],
    [{ schedule: "0 0 22 * * *" }, 'Schedule "0 0 22 * * *" must be a five-field cron expression such as "0 22 * * *".'],
    [{ schedule: "61 * * * *" }, 'Schedule "61 * * * *" is not a valid cron expression.'],
    [{ schedule: "0 0 31 2 *" }, 'Schedule "0 0 31 2 *" never fires.'],
    [{ timeZone: "Mars/Olympus" }, 'Time zone "Mars/Olympus" is not a known IANA time zone such as "Europe/Berlin".'],
    [{ duration: "0m" }, "Duration must look like 30m, 1h, 1h30m or 2d."],
  ])("refuses %j in one sentence", (change, message) => {
    expect(validateSyncWindow({ ...sound, ...change })).toBe(message);
  });
});
