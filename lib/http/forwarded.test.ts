import { describe, expect, it } from "vitest";

import { nodeHeaders, requestOrigin, trustsProxy } from "./forwarded";

const forged = new Headers({ host: "lockstep.internal:3000", "x-forwarded-proto": "https", "x-forwarded-host": "evil.example", "x-forwarded-for": "10.8.8.8, 10.0.0.1" });
const plain = new Headers({ host: "lockstep.internal:3000" });

describe("requestOrigin", () => {
  const cases = [
    { name: "ignores every forwarding header when the proxy is not trusted", headers: forged, connection: { remoteAddress: "127.0.0.1" }, trustProxy: false, expected: { proto: "http", host: "lockstep.internal:3000", address: "127.0.0.1" } },
    { name: "takes scheme, host and address from a trusted proxy's headers, the client's end of each chain", headers: forged, connection: { remoteAddress: "127.0.0.1" }, trustProxy: true, expected: { proto: "https", host: "evil.example", address: "10.8.8.8" } },
    { name: "answers HTTPS for a TLS connection whatever the trust", headers: plain, connection: { encrypted: true, remoteAddress: "::1" }, trustProxy: false, expected: { proto: "https", host: "lockstep.internal:3000", address: "::1" } },
    { name: "falls back to the connection when a trusted proxy sends no headers", headers: plain, connection: { encrypted: true }, trustProxy: true, expected: { proto: "https", host: "lockstep.internal:3000", address: "unknown" } },
    { name: "ignores a scheme that is neither http nor https", headers: new Headers({ "x-forwarded-proto": "gopher" }), connection: undefined, trustProxy: true, expected: { proto: "http", host: undefined, address: "unknown" } },
  ] as const;

  for (const { name, headers, connection, trustProxy, expected } of cases) {
    it(name, () => {
      expect(requestOrigin(headers, connection, { trustProxy })).toEqual(expected);
    });
  }
});

describe("trustsProxy", () => {
  it("trusts a proxy only when LOCKSTEP_TRUST_PROXY is exactly true", () => {
    expect([trustsProxy({ LOCKSTEP_TRUST_PROXY: "true" }), trustsProxy({ LOCKSTEP_TRUST_PROXY: "1" }), trustsProxy({})]).toEqual([true, false, false]);
  });
});

describe("nodeHeaders", () => {
  it("reads Node's header record case-insensitively and joins repeated headers", () => {
    const headers = nodeHeaders({ "x-forwarded-for": ["10.1.1.1", "10.2.2.2"], host: "a" });
    expect([headers.get("X-Forwarded-For"), headers.get("host"), headers.get("origin")]).toEqual(["10.1.1.1, 10.2.2.2", "a", null]);
  });
});
