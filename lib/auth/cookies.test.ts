import { describe, expect, it } from "vitest";

import { isHttpsRequest, readCookie, serializeSessionCookie, SESSION_COOKIE } from "./cookies";

describe("readCookie", () => {
  it.each<{ name: string; header: string | null; cookie: string; value: string | undefined }>([
    { name: "the one cookie", header: "lockstep_session=abc", cookie: "lockstep_session", value: "abc" },
    { name: "a cookie among others, spaces trimmed", header: "a=1;  lockstep_session = abc ; b=2", cookie: "lockstep_session", value: "abc" },
    { name: "the first of a repeated cookie", header: "x=first; x=second", cookie: "x", value: "first" },
    { name: "a value holding an equals sign", header: "state=a=b", cookie: "state", value: "a=b" },
    { name: "a URI-encoded value decoded", header: "state=a%20b", cookie: "state", value: "a b" },
    { name: "nothing for a missing cookie", header: "a=1", cookie: "lockstep_session", value: undefined },
    { name: "nothing for a cookie whose name only ends the same", header: "old_lockstep_session=abc", cookie: "lockstep_session", value: undefined },
    { name: "nothing without a header", header: null, cookie: "lockstep_session", value: undefined },
  ])("reads $name", ({ header, cookie, value }) => {
    expect(readCookie(header, cookie)).toBe(value);
  });
});

describe("serializeSessionCookie", () => {
  const attributes = (header: string) => header.split("; ").slice(1).sort();

  it("writes an HTTP-only, SameSite=Lax cookie for the whole site with its lifetime in seconds", () => {
    const header = serializeSessionCookie("abc", { secure: false, maxAgeMs: 12 * 3_600_000 });
    expect(header.split("; ")[0]).toBe(`${SESSION_COOKIE}=abc`);
    expect(attributes(header)).toEqual(["HttpOnly", "Max-Age=43200", "Path=/", "SameSite=Lax"]);
  });

  it("adds Secure over HTTPS", () => {
    expect(attributes(serializeSessionCookie("abc", { secure: true, maxAgeMs: 1_000 }))).toContain("Secure");
  });

  it("deletes the cookie with an empty value and Max-Age=0", () => {
    const header = serializeSessionCookie("", { secure: false, maxAgeMs: 0 });
    expect(header.split("; ")[0]).toBe(`${SESSION_COOKIE}=`);
    expect(attributes(header)).toContain("Max-Age=0");
  });

  it("reads back what it wrote", () => {
    const value = "s3cr3t-Value_with.chars~";
    expect(readCookie(serializeSessionCookie(value, { secure: false, maxAgeMs: 1_000 }).split("; ")[0] ?? "", SESSION_COOKIE)).toBe(value);
  });
});

describe("isHttpsRequest", () => {
  const forged = new Headers({ "x-forwarded-proto": "https" });
  const cases = [
    { name: "does not believe a client's X-Forwarded-Proto without a trusted proxy", url: "http://lockstep/api/auth/login", headers: forged, env: {}, expected: false },
    { name: "believes X-Forwarded-Proto behind a trusted proxy", url: "http://lockstep/api/auth/login", headers: forged, env: { LOCKSTEP_TRUST_PROXY: "true" }, expected: true },
    { name: "believes the request's own https URL", url: "https://lockstep/api/auth/login", headers: new Headers(), env: {}, expected: true },
    { name: "is always true with LOCKSTEP_SECURE_COOKIES=true", url: "http://lockstep/", headers: new Headers(), env: { LOCKSTEP_SECURE_COOKIES: "true" }, expected: true },
  ];
  for (const { name, url, headers, env, expected } of cases) {
    it(name, () => {
      expect(isHttpsRequest(url, headers, env)).toBe(expected);
    });
  }
});
