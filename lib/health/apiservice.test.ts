import { describe, it } from "vitest";
import { expectCase, type HealthCase } from "./testdata/cases";

const cases: HealthCase[] = [
  {
    name: "calls a local APIService Healthy",
    fixture: "apiservice-local",
    status: "Healthy",
    message: "Local: Local APIServices are always available",
  },
  {
    name: "calls an aggregated APIService that passed its checks Healthy",
    fixture: "apiservice-available",
    status: "Healthy",
    message: "Passed: all checks passed",
  },
  {
    name: "calls an APIService whose backend has no ready endpoints yet Progressing",
    fixture: "apiservice-missing-endpoints",
    status: "Progressing",
    message: 'MissingEndpoints: endpoints for service/metrics-server in "kube-system" have no addresses with port name "https"',
  },
  {
    name: "calls an APIService whose Service does not exist Degraded",
    fixture: "apiservice-service-not-found",
    status: "Degraded",
    message: 'ServiceNotFound: service/metrics-server in "kube-system" is not present',
  },
  { name: "calls an APIService not yet checked Progressing", fixture: "apiservice-new", status: "Progressing", message: "Waiting to be processed" },
];

describe("APIService health", () => {
  it.each(cases)("$name", expectCase);
});
