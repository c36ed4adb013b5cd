import { describe, expect, it } from "vitest";
import type { SyncWindow } from "./schema";
import { syncWindowNotice } from "./window-notice";

const now = new Date("2026-03-02T21:30:00Z");
const deny: SyncWindow = { kind: "deny", schedule: "0 22 * * *", duration: "8h", timeZone: "UTC", apps: ["*"], manualSync: false };

describe("the app page's sync window notice", () => {
  it("says nothing while syncing is open and no window closes it within the hour", () => {
    expect(syncWindowNotice({ open: true }, now)).toBeUndefined();
    expect(syncWindowNotice({ open: true, closesAt: new Date("2026-03-02T23:30:00Z") }, now)).toBeUndefined();
  });

  it("says why syncing is closed and when it opens, without the reason's final period", () => {
    const opensAt = new Date("2026-03-03T06:00:00Z");
    expect(syncWindowNotice({ open: false, reason: "The deny window is active.", window: deny, opensAt }, now)).toEqual({
      kind: "closed",
      reason: "The deny window is active",
      opensAt,
      manualSync: false,
    });
  });

  it("says when the deciding window still allows manual syncs", () => {
    expect(syncWindowNotice({ open: false, reason: "The deny window is active.", window: { ...deny, manualSync: true } }, now)).toMatchObject({ kind: "closed", manualSync: true });
  });

  it("gives a reason even when the verdict has none", () => {
    expect(syncWindowNotice({ open: false }, now)).toMatchObject({ kind: "closed", reason: "A sync window of the app's project is closed" });
  });

  it("warns when syncing closes within the hour", () => {
    const closesAt = new Date("2026-03-02T22:00:00Z");
    expect(syncWindowNotice({ open: true, closesAt }, now)).toEqual({ kind: "closing", closesAt });
  });
});
