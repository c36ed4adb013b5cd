import { describe, it } from "vitest";
import { expectCase, type HealthCase } from "./testdata/cases";

const cases: HealthCase[] = [
  {
    name: "calls an Ingress that no controller has published Progressing",
    fixture: "ingress-pending",
    status: "Progressing",
    message: "Waiting for an ingress controller to publish an address",
  },
  {
    name: "calls an Ingress with a published address Healthy",
    fixture: "ingress-ready",
    status: "Healthy",
    message: "Served at 203.0.113.20",
  },
];

describe("Ingress health", () => {
  it.each(cases)("$name", expectCase);
});
