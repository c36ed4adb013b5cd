import { describe, expect, it } from "vitest";
import { isAtLeastAsNew, resourceVersionOf } from "./resource-version";

describe("isAtLeastAsNew", () => {
  it.each([
    { incoming: "10", current: "9", expected: true },
    { incoming: "9", current: "10", expected: false },
    { incoming: "10", current: "10", expected: true },
    { incoming: "123456789012345678901", current: "123456789012345678900", expected: true },
    { incoming: "abc", current: "10", expected: true },
    { incoming: undefined, current: "10", expected: true },
    { incoming: "10", current: undefined, expected: true },
  ])("says $expected for $incoming over $current", ({ incoming, current, expected }) => {
    expect(isAtLeastAsNew(incoming, current)).toBe(expected);
  });
});

describe("resourceVersionOf", () => {
  it("reads metadata.resourceVersion and treats an empty one as absent", () => {
    expect(resourceVersionOf({ metadata: { resourceVersion: "42" } })).toBe("42");
    expect(resourceVersionOf({ metadata: { resourceVersion: "" } })).toBeUndefined();
    expect(resourceVersionOf({ metadata: {} })).toBeUndefined();
  });
});
