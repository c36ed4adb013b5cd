import { describe, expect, it } from "vitest";
import { displayNameCandidate, identityFromClaims } from "./identity";

const iss = "https://id.example";

describe("the identity an ID token names", () => {
  it.each([
    ["keys on issuer and subject and shows preferred_username, lowercased", { iss, sub: "u-1", preferred_username: "Dev.One", email: "x@example.com" }, { issuer: iss, subject: "u-1", displayName: "dev.one" }],
    ["shows the email when the provider verified it and gives no preferred_username", { iss, sub: "u-2", email: "Ann@Example.com", email_verified: true }, { issuer: iss, subject: "u-2", displayName: "ann@example.com" }],
    ["shows the subject when the token gives no other name", { iss, sub: "u-3" }, { issuer: iss, subject: "u-3", displayName: "u-3" }],
    ["keeps the subject as given, case and all, as the key", { iss, sub: "AbC|123", preferred_username: "abc" }, { issuer: iss, subject: "AbC|123", displayName: "abc" }],
  ])("%s", (_, claims, identity) => {
    expect(identityFromClaims(claims)).toEqual({ ok: true, identity });
  });

  it.each([
    ["an email the provider did not verify, when it is the only name", { iss, sub: "u-4", email: "boss@example.com" }, 'has not verified the email "boss@example.com"'],
    ["an email marked verified by a string rather than true", { iss, sub: "u-5", email: "boss@example.com", email_verified: "true" }, "has not verified the email"],
    ["an email marked not verified", { iss, sub: "u-6", email: "boss@example.com", email_verified: false }, "has not verified the email"],
    ["a token without a subject", { iss, preferred_username: "dev" }, "names no issuer or subject"],
    ["a token without an issuer", { sub: "u-7", preferred_username: "dev" }, "names no issuer or subject"],
    ["a name Lockstep cannot use", { iss, sub: "u-8", preferred_username: "two words" }, "gave no usable user name"],
  ])("refuses %s", (_, claims, reason) => {
    const mapping = identityFromClaims(claims);
    expect(mapping.ok).toBe(false);
    expect(mapping.ok ? "" : mapping.reason).toContain(reason);
  });

  it("does not need a verified email when preferred_username names the identity", () => {
    expect(identityFromClaims({ iss, sub: "u-9", preferred_username: "dev", email: "dev@example.com", email_verified: false })).toMatchObject({ ok: true, identity: { displayName: "dev" } });
  });
});

describe("names for a new SSO user", () => {
  it("try the display name first, then numbered ones", () => {
    expect([1, 2, 3].map((n) => displayNameCandidate("dev", n))).toEqual(["dev", "dev-2", "dev-3"]);
  });

  it("stay within 64 characters", () => {
    const long = "a".repeat(64);
    expect(displayNameCandidate(long, 12)).toBe(`${"a".repeat(61)}-12`);
  });
});
