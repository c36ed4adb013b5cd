/**
 * The dry run's answer predicted without asking (lib/engine/known-change.ts) against the real
 * API server's: for each plain change (an image, an environment value, ConfigMap data, a
 * replica count, a Service's target port) of objects applied as Lockstep applies them, the
 * prediction from the live object and the server-side-apply dry run of the new object are the
 * same once normalized as the diff normalizes them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { normalizeForDiff } from "@/lib/diff";
import { predictKnownChange } from "@/lib/engine/known-change";
import { KubeObjectClient } from "@/lib/kube/object-client";
import type { KubeObject } from "@/lib/types";

import { createTestNamespace, type TestNamespace } from "../helpers/namespace";

const deployment = (namespace: string, image: string, logLevel: string, replicas: number): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace, labels: { app: "web" } },
  spec: {
    replicas,
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "web", image, args: ["--port", "8080"], env: [{ name: "LOG_LEVEL", value: logLevel }], ports: [{ containerPort: 8080 }] }] },
    },
  },
});

const configMap = (namespace: string, settings: string): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace, annotations: { "example.com/owner": "shop" } }, data: { "settings.yaml": settings } });

const service = (namespace: string, targetPort: number): KubeObject => ({ apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace }, spec: { selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort }] } });

describe("a plain change predicted from the live object", () => {
  let ns: TestNamespace;
  let client: KubeObjectClient;

  beforeAll(async () => {
    ns = await createTestNamespace("known-change");
    client = KubeObjectClient.forConfig(ns.kc);
  });

  afterAll(async () => {
    await ns?.cleanup();
  });

  const cases: [string, (n: string) => KubeObject, (n: string) => KubeObject][] = [
    ["a new image", (n) => deployment(n, "registry.example.com/web:1.1.0", "info", 1), (n) => deployment(n, "registry.example.com/web:1.2.0", "info", 1)],
    ["an environment value and the replica count", (n) => deployment(n, "registry.example.com/web:1.1.0", "info", 1), (n) => deployment(n, "registry.example.com/web:1.1.0", "debug", 3)],
    ["ConfigMap data", (n) => configMap(n, "cacheSeconds: 30\n"), (n) => configMap(n, "cacheSeconds: 60\n")],
    ["a Service's target port", (n) => service(n, 8080), (n) => service(n, 8081)],
  ];

  for (const [what, before, after] of cases) {
    it(`answers ${what} as the server-side dry run does`, async () => {
      const live = await client.applyObject(before(ns.name));
      const predicted = predictKnownChange(before(ns.name), after(ns.name), live);
      expect(predicted, "the change is one the engine predicts").toBeDefined();
      const dryRun = await client.applyObject(after(ns.name), { dryRun: true });
      expect(normalizeForDiff(predicted as KubeObject)).toEqual(normalizeForDiff(dryRun));
      expect(normalizeForDiff(dryRun)).not.toEqual(normalizeForDiff(live));
    });
  }
});
