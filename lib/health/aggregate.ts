import { isWorseHealth, type HealthStatus } from "@/lib/types";

/**
 * The health of an app from its resources' health: the worst by `isWorseHealth` (Healthy <
 * Suspended < Progressing < Missing < Degraded < Unknown), Healthy when there are none.
 */
export function aggregateHealth(statuses: HealthStatus[]): HealthStatus {
  return statuses.reduce<HealthStatus>((worst, status) => (isWorseHealth(status, worst) ? status : worst), "Healthy");
}
