/**
 * One fresh namespace per test, as fluxcd/pkg's ssa tests do, so tests never
 * see each other's objects and can run in parallel.
 */
import { randomBytes } from "node:crypto";

import { ApiException, CoreV1Api, type KubeConfig } from "@kubernetes/client-node";

import { loadTestKubeConfig } from "./cluster";

/** Label on every namespace a test creates, so leftovers are easy to find and delete. */
export const testNamespaceLabel = "lockstep.dev/test";

/** A namespace owned by one test. */
export interface TestNamespace {
  /** The generated namespace name, `<prefix>-<random>`. */
  name: string;
  /** Admin KubeConfig for the test cluster. */
  kc: KubeConfig;
  /** Deletes the namespace (and so everything in it); safe to call twice. */
  cleanup(): Promise<void>;
}

function isNotFound(error: unknown): boolean {
  return error instanceof ApiException && error.code === 404;
}

/** `prefix` lower-cased and reduced to a DNS label, leaving room for the random suffix. */
function namespaceName(prefix: string): string {
  const base = prefix.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 50) || "test";
  return `${base}-${randomBytes(4).toString("hex")}`;
}

/** Waits for the `default` ServiceAccount, without which the apiserver rejects Pods in the namespace. */
async function waitForDefaultServiceAccount(core: CoreV1Api, namespace: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await core.readNamespacedServiceAccount({ name: "default", namespace });
      return;
    } catch (error) {
      if (!isNotFound(error) || Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Creates a namespace named `<prefix>-<random>` and waits until Pods can be
 * created in it. Call `cleanup()` in `afterEach`/`afterAll`.
 */
export async function createTestNamespace(prefix: string): Promise<TestNamespace> {
  const kc = loadTestKubeConfig();
  const core = kc.makeApiClient(CoreV1Api);
  const name = namespaceName(prefix);
  await core.createNamespace({ body: { metadata: { name, labels: { [testNamespaceLabel]: "true" } } } });
  await waitForDefaultServiceAccount(core, name);
  return {
    name,
    kc,
    cleanup: async () => {
      try {
        await core.deleteNamespace({ name, propagationPolicy: "Background" });
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
  };
}
