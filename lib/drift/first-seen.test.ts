import { describe, expect, it } from "vitest";
import { driftSince } from "./first-seen";

describe("driftSince", () => {
  const now = new Date("2026-11-26T10:00:00Z");

  it("starts the clock for a resource that just drifted", () => {
    const since = driftSince([{ subject: "a", status: "OutOfSync" }], [{ subject: "a", status: "Synced" }], now);
    expect(since.get("a")).toBe("2026-11-26T10:00:00.000Z");
  });

  it("keeps the first time seen while the resource stays out of sync", () => {
    const since = driftSince([{ subject: "a", status: "OutOfSync" }], [{ subject: "a", status: "OutOfSync", driftSince: "2026-11-26T09:00:00.000Z" }], now);
    expect(since.get("a")).toBe("2026-11-26T09:00:00.000Z");
  });

  it("gives synced resources no time, so a later drift starts anew", () => {
    const since = driftSince([{ subject: "a", status: "Synced" }], [{ subject: "a", status: "OutOfSync", driftSince: "2026-11-26T09:00:00.000Z" }], now);
    expect(since.has("a")).toBe(false);
  });
});
