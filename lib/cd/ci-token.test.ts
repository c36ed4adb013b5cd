import { describe, expect, it } from "vitest";

import { constantTimeEquals } from "@/lib/crypto/constant-time";

import { verifyCiToken } from "./ci-token";

describe("verifyCiToken", () => {
  it("accepts the configured token as a bearer token", () => {
    expect(verifyCiToken("Bearer s3cret-token", "s3cret-token")).toEqual({ allowed: true });
    expect(verifyCiToken("bearer s3cret-token", "s3cret-token")).toEqual({ allowed: true });
  });

  it.each([
    [null, "A CI token is required: send Authorization: Bearer <token>."],
    ["Basic czNjcmV0", "A CI token is required: send Authorization: Bearer <token>."],
    ["Bearer wrong", "The CI token is not valid."],
    ["Bearer s3cret-token-and-more", "The CI token is not valid."],
  ])("refuses %j", (header, reason) => {
    expect(verifyCiToken(header, "s3cret-token")).toEqual({ allowed: false, refusal: "unauthenticated", reason });
  });

  it("refuses everything when no token is configured", () => {
    const verdict = verifyCiToken("Bearer anything", undefined);
    expect(verdict.allowed).toBe(false);
    expect(verdict).toMatchObject({ reason: expect.stringContaining("LOCKSTEP_CI_TOKEN") });
  });
});

describe("constantTimeEquals", () => {
  it("compares strings of any lengths", () => {
    expect(constantTimeEquals("abc", "abc")).toBe(true);
    expect(constantTimeEquals("abc", "abcd")).toBe(false);
    expect(constantTimeEquals("", "x")).toBe(false);
  });
});
