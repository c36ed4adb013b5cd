/**
 * The set-up most integration suites share: a Git fixture, a Lockstep server on the test
 * cluster, and an admin API client of that cluster — started before the suite's tests and
 * stopped after them.
 */
import { afterAll, beforeAll, inject } from "vitest";
import { KubeConfig } from "@kubernetes/client-node";
import { KubeObjectClient } from "@/lib/kube/object-client";
import { createGitFixture, type GitFixture } from "./git";
import { startWebServer, type WebServerOptions, type WebServer } from "./web-server";

/** What a suite's tests use; read its fields inside tests (they are set in `beforeAll`). */
export interface ServerSuite {
  web: WebServer;
  git: GitFixture;
  kube: KubeObjectClient;
}

/**
 * Registers the suite's `beforeAll`/`afterAll`. `before` runs once the Git fixture exists and
 * may return more server options (environment); `after` runs before the server stops.
 */
export function useServerSuite(hooks: { before?: () => Promise<Partial<Omit<WebServerOptions, "kubeconfig">> | void>; after?: () => Promise<void> } = {}): ServerSuite {
  const suite = {} as ServerSuite;
  beforeAll(async () => {
    const kubeconfig = inject("kubeconfig");
    suite.git = await createGitFixture();
    const more = (await hooks.before?.()) ?? {};
    suite.web = await startWebServer({ ...more, kubeconfig });
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    suite.kube = KubeObjectClient.forConfig(kc);
  });
  afterAll(async () => {
    await hooks.after?.();
    await suite.web?.stop();
    await suite.git?.cleanup();
  });
  return suite;
}
