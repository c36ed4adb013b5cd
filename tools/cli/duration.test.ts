import { describe, expect, it } from "vitest";

import { formatDuration, parseDuration } from "./duration";

describe("parseDuration", () => {
  it.each([
    ["90s", 90_000],
    ["5m", 300_000],
    ["1h30m", 5_400_000],
    ["500ms", 500],
    ["2m30s", 150_000],
    [" 1s ", 1000],
  ])("reads %j as %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "90", "5 m", "-5s", "1.5s", "0s", "25h", "5d", "m5", "1h 30m"])("refuses %j", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe("formatDuration", () => {
  it("writes seconds below a minute and whole units above", () => {
    expect(formatDuration(1500)).toBe("1.5s");
    expect(formatDuration(90_000)).toBe("1m30s");
    expect(formatDuration(5_400_000)).toBe("1h30m");
  });
});
