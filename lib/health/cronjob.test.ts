import { describe, it } from "vitest";
import { expectCase, type HealthCase } from "./testdata/cases";

const cases: HealthCase[] = [
  {
    name: "calls a CronJob whose last run succeeded Healthy",
    fixture: "cronjob-succeeded",
    status: "Healthy",
    message: "CronJob completed its last run successfully",
  },
  {
    name: "calls a CronJob never scheduled yet Healthy, as nothing has failed",
    fixture: "cronjob-never-scheduled",
    status: "Healthy",
    message: "CronJob has not been scheduled yet",
  },
  {
    name: "calls a CronJob Degraded when its last success is older than its last schedule and nothing runs",
    fixture: "cronjob-last-run-failed",
    status: "Degraded",
    message: "CronJob has not completed its last run successfully",
  },
  {
    name: "calls a CronJob with a running Job Healthy, as the run's outcome is not known yet",
    fixture: "cronjob-running",
    status: "Healthy",
    message: "A Job is running; the previous run may not have succeeded",
  },
  {
    name: "calls a CronJob that never succeeded Healthy when its status alone cannot tell a failure",
    fixture: "cronjob-never-succeeded",
    status: "Healthy",
    message: "CronJob has never completed successfully; it may not be healthy",
  },
  {
    name: "calls a CronJob Degraded when the newest of its Jobs among the children failed",
    fixture: "cronjob-never-succeeded",
    children: ["cronjob-child-job-complete", "cronjob-child-job-failed"],
    status: "Degraded",
    message: 'Last Job "report-29401235" failed: BackoffLimitExceeded: Job has reached the specified backoff limit',
  },
  {
    name: "does not blame a CronJob for an older failed Job when a newer one completed",
    fixture: "cronjob-recovered",
    children: ["cronjob-child-job-complete-later", "cronjob-child-job-failed"],
    status: "Healthy",
    message: "CronJob completed its last run successfully",
  },
  { name: "calls a suspended CronJob Suspended", fixture: "cronjob-suspended", status: "Suspended", message: "CronJob is suspended" },
];

describe("CronJob health", () => {
  it.each(cases)("$name", expectCase);
});
