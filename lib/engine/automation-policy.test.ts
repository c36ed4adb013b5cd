import { describe, expect, it } from "vitest";
import { decideAutomation, lastSyncedRevision, selfHealDelayMs, SELF_HEAL_RESET_MS, type AutomationInput } from "./automation-policy";

const NOW = 1_000_000_000;
const base: AutomationInput = {
  automated: true,
  selfHeal: true,
  prune: false,
  syncStatus: "OutOfSync",
  comparisonFailed: false,
  revision: "b".repeat(40),
  history: [{ kind: "sync", phase: "Succeeded", revision: "b".repeat(40), dryRun: false }],
  outOfSyncStates: ["modified"],
  selfHealRecord: { attempts: 0 },
  now: NOW,
};

describe("decideAutomation", () => {
  it("does nothing for an app that is not automated, even with self-heal on", () => {
    expect(decideAutomation({ ...base, automated: false }).action).toBe("none");
  });

  it("does nothing for a synced app", () => {
    expect(decideAutomation({ ...base, syncStatus: "Synced" }).action).toBe("none");
  });

  it("auto-syncs a revision that was never synced", () => {
    const decision = decideAutomation({ ...base, revision: "c".repeat(40) });
    expect(decision).toMatchObject({ action: "auto-sync" });
  });

  it("auto-syncs a brand-new app with no history", () => {
    expect(decideAutomation({ ...base, history: [] }).action).toBe("auto-sync");
  });

  it("does not retry a failed automated sync of the same revision", () => {
    const history = [{ kind: "auto-sync" as const, phase: "Failed" as const, revision: "c".repeat(40), dryRun: false }, ...base.history];
    const decision = decideAutomation({ ...base, revision: "c".repeat(40), history });
    expect(decision.action).toBe("none");
    expect(decision.reason).toContain("not retried");
  });

  it("self-heals drift from the synced revision at once the first time", () => {
    expect(decideAutomation(base)).toMatchObject({ action: "self-heal", attempt: 0 });
  });

  it("leaves drift alone when self-heal is off", () => {
    expect(decideAutomation({ ...base, selfHeal: false }).action).toBe("none");
  });

  it("backs off when the cluster drifts again right after a heal", () => {
    const decision = decideAutomation({ ...base, selfHealRecord: { attempts: 2, lastHealAt: NOW - 1_000 } });
    expect(decision).toMatchObject({ action: "wait", attempt: 2, until: NOW - 1_000 + selfHealDelayMs(2) });
  });

  it("heals again once the backoff has passed", () => {
    const decision = decideAutomation({ ...base, selfHealRecord: { attempts: 1, lastHealAt: NOW - selfHealDelayMs(1) } });
    expect(decision).toMatchObject({ action: "self-heal", attempt: 1 });
  });

  it("starts the backoff over when the last heal was long ago", () => {
    const decision = decideAutomation({ ...base, selfHealRecord: { attempts: 5, lastHealAt: NOW - SELF_HEAL_RESET_MS - 1 } });
    expect(decision).toMatchObject({ action: "self-heal", attempt: 0 });
  });

  it("leaves resources that only need pruning alone unless the policy prunes", () => {
    expect(decideAutomation({ ...base, outOfSyncStates: ["prunable"] }).action).toBe("none");
    expect(decideAutomation({ ...base, prune: true, outOfSyncStates: ["prunable"] }).action).toBe("self-heal");
  });

  it("does nothing when the comparison failed", () => {
    expect(decideAutomation({ ...base, comparisonFailed: true }).action).toBe("none");
  });
});

describe("selfHealDelayMs", () => {
  it("waits nothing first, then 2 s, 6 s, 18 s, capped at 5 minutes", () => {
    expect([0, 1, 2, 3, 10].map(selfHealDelayMs)).toEqual([0, 2_000, 6_000, 18_000, 300_000]);
  });
});

describe("lastSyncedRevision", () => {
  it("skips dry runs, failures and rollbacks", () => {
    const history = [
      { kind: "sync" as const, phase: "Succeeded" as const, revision: "dry", dryRun: true },
      { kind: "rollback" as const, phase: "Succeeded" as const, revision: "old", dryRun: false },
      { kind: "sync" as const, phase: "Failed" as const, revision: "bad", dryRun: false },
      { kind: "auto-sync" as const, phase: "Succeeded" as const, revision: "good", dryRun: false },
    ];
    expect(lastSyncedRevision(history)).toBe("good");
  });
});
