import { describe, expect, it } from "vitest";
import { decideMetricsAccess, isLoopbackAddress, metricsTokenOf, type MetricsAccessRequest } from "./access";

const TOKEN = "metrics-token-0123456789";
const base: MetricsAccessRequest = { authorization: null, address: "127.0.0.1", addressFromProxy: false, token: undefined };

describe("isLoopbackAddress", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["::1", true],
    ["::ffff:127.0.0.1", true],
    ["10.0.0.1", false],
    ["::ffff:10.0.0.1", false],
    ["192.168.1.127", false],
    ["fe80::1", false],
    ["unknown", false],
    ["localhost", false],
  ])("says %s is loopback: %s", (address, loopback) => {
    expect(isLoopbackAddress(address)).toBe(loopback);
  });
});

describe("metricsTokenOf", () => {
  it("reads LOCKSTEP_METRICS_TOKEN, trimmed, and takes a blank one as unset", () => {
    expect(metricsTokenOf({ LOCKSTEP_METRICS_TOKEN: ` ${TOKEN}\n` })).toBe(TOKEN);
    expect(metricsTokenOf({ LOCKSTEP_METRICS_TOKEN: "  " })).toBeUndefined();
    expect(metricsTokenOf({})).toBeUndefined();
  });
});

describe("decideMetricsAccess with a metrics token", () => {
  const withToken = { ...base, token: TOKEN };

  it("lets in a caller sending the token as a bearer, from any address", () => {
    expect(decideMetricsAccess({ ...withToken, address: "10.1.2.3", authorization: `Bearer ${TOKEN}` })).toEqual({ allowed: true, by: "token" });
  });

  it("refuses a loopback caller without the token: the token, once set, is the only way in", () => {
    expect(decideMetricsAccess(withToken)).toMatchObject({ allowed: false, kind: "unauthenticated" });
  });

  it("refuses a wrong token, or an API token, without quoting the expected one", () => {
    for (const authorization of [`Bearer ${TOKEN}x`, "Bearer lst_someapitoken", `Basic ${TOKEN}`]) {
      const verdict = decideMetricsAccess({ ...withToken, authorization });
      expect(verdict).toMatchObject({ allowed: false, kind: "unauthenticated" });
      expect(JSON.stringify(verdict)).not.toContain(TOKEN);
    }
  });

  it("refuses every caller when the configured token is too short to be safe", () => {
    const verdict = decideMetricsAccess({ ...withToken, token: "short", authorization: "Bearer short" });
    expect(verdict).toMatchObject({ allowed: false, kind: "misconfigured" });
    expect(JSON.stringify(verdict)).not.toContain('"short"');
  });
});

describe("decideMetricsAccess without a metrics token", () => {
  it("lets in a loopback caller whose address is the socket's", () => {
    expect(decideMetricsAccess(base)).toEqual({ allowed: true, by: "loopback" });
    expect(decideMetricsAccess({ ...base, address: "::1" })).toEqual({ allowed: true, by: "loopback" });
  });

  it("refuses a caller from another address", () => {
    expect(decideMetricsAccess({ ...base, address: "10.0.0.7" })).toMatchObject({ allowed: false, kind: "forbidden", reason: expect.stringMatching(/only loopback/) });
  });

  it("refuses when the address came from X-Forwarded-For, which a client can write", () => {
    expect(decideMetricsAccess({ ...base, addressFromProxy: true })).toMatchObject({ allowed: false, kind: "forbidden", reason: expect.stringMatching(/X-Forwarded-For/) });
  });

  it("refuses when the client's address is unknown, in one sentence", () => {
    const verdict = decideMetricsAccess({ ...base, address: undefined });
    expect(verdict).toMatchObject({ allowed: false, kind: "forbidden" });
    expect(verdict.allowed ? "" : verdict.reason).toMatch(/^[^.]+\.$/);
  });
});
