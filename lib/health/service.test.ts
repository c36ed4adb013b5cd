import { describe, it } from "vitest";
import { expectCase, type HealthCase } from "./testdata/cases";

const cases: HealthCase[] = [
  { name: "calls a ClusterIP Service Healthy as soon as it exists", fixture: "service-cluster-ip", status: "Healthy", message: "" },
  {
    name: "calls a LoadBalancer Service without an address Progressing",
    fixture: "service-load-balancer-pending",
    status: "Progressing",
    message: "Waiting for the load balancer to get an address",
  },
  {
    name: "calls a LoadBalancer Service with an address Healthy and gives the address",
    fixture: "service-load-balancer-ready",
    status: "Healthy",
    message: "Load balancer at 203.0.113.10",
  },
];

describe("Service health", () => {
  it.each(cases)("$name", expectCase);
});
