import { describe, it } from "vitest";
import { expectCase, type HealthCase } from "./testdata/cases";

const cases: HealthCase[] = [
  { name: "calls a Bound claim Healthy and names its volume", fixture: "pvc-bound", status: "Healthy", message: "Bound to volume shop-pv" },
  { name: "calls a Pending claim Progressing", fixture: "pvc-pending", status: "Progressing", message: "Waiting for a volume to be bound" },
  { name: "calls a claim whose volume is Lost Degraded", fixture: "pvc-lost", status: "Degraded", message: "Volume shop-pv is lost" },
];

describe("PersistentVolumeClaim health", () => {
  it.each(cases)("$name", expectCase);
});
