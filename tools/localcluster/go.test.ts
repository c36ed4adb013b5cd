import { describe, expect, it } from "vitest";

import { compareGoVersions, parseGoVersion } from "./go";

describe("parseGoVersion", () => {
  it.each([
    ["go1.26.8", [1, 26, 8]],
    ["1.26.0", [1, 26, 0]],
    ["1.26", [1, 26, 0]],
    ["go1.27rc1", [1, 27, 0]],
    ["devel", undefined],
  ])("reads %s as %j", (text, expected) => {
    expect(parseGoVersion(text)).toEqual(expected);
  });
});

describe("compareGoVersions", () => {
  it.each([
    [[1, 26, 8], [1, 26, 0], 1],
    [[1, 25, 9], [1, 26, 0], -1],
    [[1, 26, 0], [1, 26, 0], 0],
  ])("orders %j against %j with sign %i", (a, b, sign) => {
    expect(Math.sign(compareGoVersions(a, b))).toBe(sign);
  });
});
