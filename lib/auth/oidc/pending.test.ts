import { describe, expect, it } from "vitest";
import { createPendingSignIns } from "./pending";

const entry = { verifier: "v", nonce: "n", next: "/", redirectUri: "https://lockstep.example/api/auth/oidc/callback" };

describe("the pending single sign-ons", () => {
  it("keep at most the maximum, dropping the oldest first", () => {
    const pending = createPendingSignIns({ clock: () => 0, max: 3 });
    for (const state of ["a", "b", "c", "d"]) pending.add(state, entry);
    expect(pending.size()).toBe(3);
    expect(pending.take("a")).toBeUndefined();
    expect(pending.take("d")).toMatchObject({ nonce: "n" });
  });

  it("remove expired sign-ins when a new one starts, and refuse an expired one", () => {
    let now = 0;
    const pending = createPendingSignIns({ clock: () => now, ttlMs: 1000 });
    pending.add("old", entry);
    pending.add("late", entry);
    now = 1500;
    pending.add("new", entry);
    expect(pending.size()).toBe(1);
    now = 3000;
    expect(pending.take("new")).toBeUndefined();
  });

  it("give a sign-in out once", () => {
    const pending = createPendingSignIns({ clock: () => 0 });
    pending.add("s", entry);
    expect(pending.take("s")).toBeDefined();
    expect(pending.take("s")).toBeUndefined();
  });
});
