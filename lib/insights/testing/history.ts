/** A small history of three apps whose figures are computed by hand, shared by the report's and the page's tests. */
import { at, op } from "./records";

/**
 * A fixture history, figures computed by hand:
 * - web (team-a): deploys a (lead 10 min), b (lead 30 min; rolled back 20 min later: a failed
 *   change; the rollback takes 2 min and leaves web Healthy: restored in 120 s), then c (lead
 *   50 min) — 3 deployments, 1 rollback.
 * - api (team-a): deploys a (lead 20 min), then a failed sync of b 30 min later (a failed
 *   change; never restored).
 * - docs (team-b): one dry run and one no-op after a deployment before the range: nothing.
 */
export const APPS = [
  { name: "web", project: "team-a" },
  { name: "api", project: "team-a" },
  { name: "docs", project: "team-b" },
];
export const HISTORY = [
  op({ app: "web", project: "team-a", start: 100, revision: "a", revisionCommittedAt: at(91) }),
  op({ app: "web", project: "team-a", start: 200, revision: "b", revisionCommittedAt: at(171) }),
  op({ app: "web", project: "team-a", start: 221, minutes: 2, kind: "rollback", revision: "a" }),
  op({ app: "web", project: "team-a", start: 2000, revision: "c", revisionCommittedAt: at(1951) }),
  op({ app: "api", project: "team-a", start: 300, revision: "a", revisionCommittedAt: at(281) }),
  op({ app: "api", project: "team-a", start: 330, revision: "b", phase: "Failed" }),
  op({ app: "docs", project: "team-b", start: -5000, revision: "a" }),
  op({ app: "docs", project: "team-b", start: 400, revision: "a" }),
  op({ app: "docs", project: "team-b", start: 500, revision: "b", dryRun: true }),
];

/** The fixture's range: its first week, 2026-11-01 to 2026-11-08 (UTC). */
export const FIRST_WEEK = { from: at(0), to: at(7 * 24 * 60) };
