/**
 * Vitest global setup for the integration and e2e projects: makes sure a
 * Kubernetes cluster is up and tells the tests its kubeconfig.
 *
 * - `LOCKSTEP_TEST_KUBECONFIG` set: use that cluster as-is (it must answer).
 * - otherwise: reuse the healthy local cluster, or start one (stopped at teardown in CI only).
 *
 * Tests read the path with `inject("kubeconfig")` (see `cluster.ts`); `process.env.KUBECONFIG` is set too.
 */
import type { TestProject } from "vitest/node";

import { ensureCluster, isLocalClusterError, stopCluster } from "@/tools/localcluster";

import { assertKubeconfigReachable } from "./cluster";

declare module "vitest" {
  export interface ProvidedContext {
    /** Absolute path of an admin kubeconfig for the test cluster. */
    kubeconfig: string;
  }
}

/** Prints a known problem as its one sentence, without a stack trace. */
function withoutStack(error: unknown): unknown {
  if (isLocalClusterError(error)) error.stack = `${error.name}: ${error.message}`;
  return error;
}

async function resolveCluster(): Promise<{ kubeconfigPath: string; startedHere: boolean }> {
  const external = process.env.LOCKSTEP_TEST_KUBECONFIG;
  if (external) {
    await assertKubeconfigReachable(external, "LOCKSTEP_TEST_KUBECONFIG");
    return { kubeconfigPath: external, startedHere: false };
  }
  return ensureCluster();
}

/**
 * A cluster this run started is stopped afterwards in CI (`CI` set) or when `LOCKSTEP_STOP_CLUSTER=1`;
 * on a developer's machine it is kept for the next run, which reuses it in under a second.
 */
function shouldStopAfterRun(): boolean {
  return Boolean(process.env.CI) || process.env.LOCKSTEP_STOP_CLUSTER === "1";
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { kubeconfigPath, startedHere } = await resolveCluster().catch((error: unknown) => {
    throw withoutStack(error);
  });
  process.env.KUBECONFIG = kubeconfigPath;
  project.provide("kubeconfig", kubeconfigPath);
  return async () => {
    if (startedHere && shouldStopAfterRun()) await stopCluster();
  };
}
