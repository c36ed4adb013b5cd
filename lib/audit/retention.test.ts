import { describe, expect, it } from "vitest";

import { auditRetentionDays, retentionCutoff } from "./retention";

describe("auditRetentionDays", () => {
  const cases = [
    { env: {}, expected: 90 },
    { env: { LOCKSTEP_AUDIT_RETENTION_DAYS: "365" }, expected: 365 },
    { env: { LOCKSTEP_AUDIT_RETENTION_DAYS: "0.5" }, expected: 0.5 },
    { env: { LOCKSTEP_AUDIT_RETENTION_DAYS: "0" }, expected: 90 },
    { env: { LOCKSTEP_AUDIT_RETENTION_DAYS: "forever" }, expected: 90 },
    { env: { LOCKSTEP_AUDIT_RETENTION_DAYS: "" }, expected: 90 },
  ];
  for (const { env, expected } of cases) {
    it(`reads ${JSON.stringify(env)} as ${expected} days`, () => {
      expect(auditRetentionDays(env)).toBe(expected);
    });
  }
});

describe("retentionCutoff", () => {
  it("lies the retention's days before now", () => {
    expect(retentionCutoff(Date.UTC(2026, 3, 10), 9)).toEqual(new Date(Date.UTC(2026, 3, 1)));
  });
});
