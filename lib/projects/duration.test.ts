import { describe, expect, it } from "vitest";
import { parseWindowDuration } from "./duration";

describe("parseWindowDuration", () => {
  it.each([
    ["30m", 30 * 60_000],
    ["1h", 60 * 60_000],
    ["1h30m", 90 * 60_000],
    ["2d", 48 * 60 * 60_000],
    ["1d2h3m", (26 * 60 + 3) * 60_000],
    [" 45m ", 45 * 60_000],
    ["", undefined],
    ["0m", undefined],
    ["30s", undefined],
    ["1.5h", undefined],
    ["30m1h", undefined],
  ])("reads %j as %s ms", (text, expected) => {
    expect(parseWindowDuration(text)).toBe(expected);
  });
});
