import { describe, expect, it } from "vitest";
import { nextConnectionState } from "./connection-state";

const first = new Date("2026-12-05T09:00:00Z");
const later = new Date("2026-12-05T09:00:30Z");

describe("nextConnectionState", () => {
  it("records the version and the time of contact when the server answers", () => {
    expect(nextConnectionState(undefined, { connected: true, version: "v1.34.1" }, first)).toEqual({ status: "connected", version: "v1.34.1", lastContact: first, checkedAt: first });
  });

  it("keeps the last version and contact and says why when the server stops answering", () => {
    const connected = nextConnectionState(undefined, { connected: true, version: "v1.34.1" }, first);
    expect(nextConnectionState(connected, { connected: false, error: "connection refused by the Kubernetes API server" }, later)).toEqual({
      status: "unreachable",
      version: "v1.34.1",
      lastContact: first,
      reason: "connection refused by the Kubernetes API server",
      checkedAt: later,
    });
  });

  it("gives a reason even when the probe had none, and no contact when there never was one", () => {
    const state = nextConnectionState(undefined, { connected: false }, later);
    expect(state).toEqual({ status: "unreachable", reason: "The API server did not answer.", checkedAt: later });
  });
});
