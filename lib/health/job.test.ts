import { describe, it } from "vitest";
import { expectCase, type HealthCase } from "./testdata/cases";

const cases: HealthCase[] = [
  { name: "calls a Complete Job Healthy", fixture: "job-complete", status: "Healthy", message: "Reached expected number of succeeded pods" },
  {
    name: "calls a running Job Progressing and counts its Pods",
    fixture: "job-running",
    status: "Progressing",
    message: "Job is running: 0 of 1 completions, 1 active",
  },
  {
    name: "calls a Job that reached its backoff limit Degraded with the reason",
    fixture: "job-failed",
    status: "Degraded",
    message: "BackoffLimitExceeded: Job has reached the specified backoff limit",
  },
  { name: "calls a suspended Job Suspended", fixture: "job-suspended", status: "Suspended", message: "Job suspended" },
  {
    name: "calls a resumed Job Progressing again although its Suspended condition remains, set to False",
    fixture: "job-resumed",
    status: "Progressing",
    message: "Job is running: 0 of 1 completions, 1 active",
  },
];

describe("Job health", () => {
  it.each(cases)("$name", expectCase);
});
