import { describe, expect, it } from "vitest";

import { basicAuthHeader, hasValidBasicAuth, parseBasicAuth } from "./basic-auth";

const expected = { username: "lockstep", password: "pa:ss wörd" };

describe("parseBasicAuth", () => {
  it("round-trips a header built by basicAuthHeader, including a colon in the password", () => {
    expect(parseBasicAuth(basicAuthHeader(expected))).toEqual(expected);
  });

  it.each([
    { name: "a missing header", header: undefined },
    { name: "another scheme", header: "Bearer abc" },
    { name: "a token without a colon", header: `Basic ${Buffer.from("nocolon").toString("base64")}` },
    { name: "characters outside base64", header: "Basic !!!" },
  ])("rejects $name", ({ header }) => {
    expect(parseBasicAuth(header)).toBeNull();
  });
});

describe("hasValidBasicAuth", () => {
  it.each([
    { name: "accepts the expected credentials", header: basicAuthHeader(expected), valid: true },
    { name: "accepts a lower-case scheme", header: basicAuthHeader(expected).replace("Basic", "basic"), valid: true },
    { name: "rejects a wrong password", header: basicAuthHeader({ ...expected, password: "nope" }), valid: false },
    { name: "rejects a wrong user", header: basicAuthHeader({ ...expected, username: "other" }), valid: false },
    { name: "rejects no header", header: undefined, valid: false },
  ])("$name", ({ header, valid }) => {
    expect(hasValidBasicAuth(header, expected)).toBe(valid);
  });
});
