import { describe, expect, it } from "vitest";
import type { HealthStatus } from "@/lib/types";
import { aggregateHealth } from "./aggregate";

describe("aggregateHealth", () => {
  it.each<{ statuses: HealthStatus[]; worst: HealthStatus }>([
    { statuses: [], worst: "Healthy" },
    { statuses: ["Healthy", "Healthy"], worst: "Healthy" },
    { statuses: ["Healthy", "Suspended"], worst: "Suspended" },
    { statuses: ["Suspended", "Progressing", "Healthy"], worst: "Progressing" },
    { statuses: ["Progressing", "Missing"], worst: "Missing" },
    { statuses: ["Missing", "Degraded", "Progressing"], worst: "Degraded" },
    { statuses: ["Degraded", "Unknown", "Healthy"], worst: "Unknown" },
  ])("rates $statuses as $worst", ({ statuses, worst }) => {
    expect(aggregateHealth(statuses)).toBe(worst);
  });

  it("does not depend on the order of the statuses", () => {
    expect(aggregateHealth(["Degraded", "Healthy", "Progressing"])).toBe(aggregateHealth(["Progressing", "Healthy", "Degraded"]));
  });
});
