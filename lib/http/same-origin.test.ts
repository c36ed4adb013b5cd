import { describe, expect, it } from "vitest";
import { crossSiteReason } from "./same-origin";

const headers = (values: Record<string, string>) => new Headers(values);

describe("the cross-site check", () => {
  it("lets same-origin browser requests and non-browser requests through", () => {
    expect(crossSiteReason(headers({ host: "lockstep.example", origin: "https://lockstep.example", "sec-fetch-site": "same-origin" }))).toBeUndefined();
    expect(crossSiteReason(headers({ host: "lockstep.example" }))).toBeUndefined();
  });

  it("refuses another origin, an opaque origin and cross-site fetch metadata", () => {
    expect(crossSiteReason(headers({ host: "lockstep.example", origin: "https://evil.example" }))).toMatch(/evil\.example may not change/);
    expect(crossSiteReason(headers({ host: "lockstep.example", origin: "null" }))).toMatch(/opaque origin/);
    expect(crossSiteReason(headers({ host: "lockstep.example", "sec-fetch-site": "cross-site" }))).toMatch(/Cross-site/);
    expect(crossSiteReason(headers({ host: "lockstep.example", "sec-fetch-site": "same-site" }))).toMatch(/Cross-site/);
  });

  it("compares host and port, not just the name", () => {
    expect(crossSiteReason(headers({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:4000" }))).toBeDefined();
  });
});
