import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClusterCache } from "@/lib/cache";
import { KubeObjectClient } from "@/lib/kube/object-client";
import { TRACKING_ANNOTATION, type KubeObject } from "@/lib/types";
import { loadTestKubeConfig } from "../helpers/cluster";
import { createTestNamespace, type TestNamespace } from "../helpers/namespace";
import { startSecondCluster, type SecondCluster } from "../helpers/second-cluster";

const CONFIGMAP = { apiVersion: "v1", kind: "ConfigMap" };

function configMap(name: string, namespace: string, value: string): KubeObject {
  return { ...CONFIGMAP, metadata: { name, namespace }, data: { value } };
}

function deployment(name: string, namespace: string): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
    },
  };
}

const valueOf = (obj: KubeObject | undefined) => (obj?.data as { value?: string } | undefined)?.value;

describe("the watch cache on the shared cluster", () => {
  let ns: TestNamespace;
  let cache: ClusterCache;
  let kube: KubeObjectClient;

  beforeAll(async () => {
    ns = await createTestNamespace("live-cache");
    const kc = loadTestKubeConfig();
    cache = new ClusterCache(kc);
    kube = KubeObjectClient.forConfig(kc);
  });

  afterAll(async () => {
    cache?.stop();
    await ns?.cleanup();
  });

  it("sees objects created, changed and deleted after the first list, through the watch alone", async () => {
    await cache.ensureKinds([CONFIGMAP]);
    const ref = configMap("watched", ns.name, "one");
    await kube.applyObject(ref);
    await expect.poll(() => valueOf(cache.get(ref))).toBe("one");
    await kube.applyObject(configMap("watched", ns.name, "two"));
    await expect.poll(() => valueOf(cache.get(ref))).toBe("two");
    await kube.deleteObject(ref);
    await expect.poll(() => cache.get(ref)).toBeUndefined();
  });

  it("indexes a Deployment's ReplicaSet and Pods by owner as the controllers create them", async () => {
    await cache.ensureKinds([{ apiVersion: "apps/v1", kind: "Deployment" }]);
    await kube.applyObject(deployment("tree", ns.name));
    await expect.poll(() => cache.get(deployment("tree", ns.name))?.metadata.uid).toBeDefined();
    const uid = String(cache.get(deployment("tree", ns.name))?.metadata.uid);
    await expect.poll(() => cache.childrenOf(uid).map((o) => o.kind)).toEqual(["ReplicaSet"]);
    const replicaSet = cache.childrenOf(uid)[0] as KubeObject;
    await expect.poll(() => cache.childrenOf(String(replicaSet.metadata.uid)).filter((o) => o.kind === "Pod").length).toBe(2);
    const pod = cache.childrenOf(String(replicaSet.metadata.uid))[0] as KubeObject;
    expect(cache.ownersOf(pod).map((o) => o.kind)).toEqual(["ReplicaSet", "Deployment"]);
  });

  it("does not count a ReplicaSet as the app's when its Deployment's tracking annotation was copied onto it, and keeps it trimmed", async () => {
    await cache.ensureKinds([{ apiVersion: "apps/v1", kind: "Deployment" }]);
    const tracked = deployment("copied", ns.name);
    tracked.metadata.annotations = { [TRACKING_ANNOTATION]: `shop:apps/Deployment:${ns.name}/copied` };
    await kube.applyObject(tracked);
    await expect.poll(() => cache.get(tracked)?.metadata.uid).toBeDefined();
    const uid = String(cache.get(tracked)?.metadata.uid);
    await expect.poll(() => cache.childrenOf(uid).length).toBe(1);
    const replicaSet = cache.childrenOf(uid)[0] as KubeObject;
    expect(replicaSet.metadata.annotations?.[TRACKING_ANNOTATION], "the Deployment controller copies the annotation").toBe(`shop:apps/Deployment:${ns.name}/copied`);
    expect(cache.trackedBy("shop").map((o) => o.kind)).toEqual(["Deployment"]);
    expect(replicaSet.metadata.managedFields).toBeUndefined();
    expect((replicaSet.spec as { template?: unknown }).template).toBeUndefined();
    expect(cache.get(tracked)?.metadata.managedFields).toBeDefined();
  });

  it("takes in the objects it is told were written and drops those deleted, never going back to an older version", async () => {
    await cache.ensureKinds([CONFIGMAP]);
    const first = await kube.applyObject(configMap("recorded", ns.name, "first"));
    const second = await kube.applyObject(configMap("recorded", ns.name, "second"));
    cache.record([second]);
    expect(valueOf(cache.get(second))).toBe("second");
    cache.record([first]);
    expect(valueOf(cache.get(second))).toBe("second");
    await kube.deleteObject(second);
    cache.drop([second]);
    expect(cache.get(second)).toBeUndefined();
  });

  it("reports a kind the cluster does not serve by skipping it, and a first list that fails with the cluster's error", async () => {
    await expect(cache.ensureKinds([{ apiVersion: "example.com/v1", kind: "Nothing" }])).resolves.toBeUndefined();
    const broken = loadTestKubeConfig();
    broken.clusters = broken.clusters.map((c) => ({ ...c, server: "https://127.0.0.1:9" }));
    const unreachable = new ClusterCache(broken);
    try {
      await expect(unreachable.ensureKinds([CONFIGMAP])).rejects.toThrow(/connection refused|ECONNREFUSED|fetch failed/i);
    } finally {
      unreachable.stop();
    }
  });
});

describe("the watch cache across an API server restart", () => {
  let cluster: SecondCluster;
  let cache: ClusterCache;
  let kube: KubeObjectClient;
  const namespace = "default";

  beforeAll(async () => {
    cluster = await startSecondCluster();
    cache = new ClusterCache(cluster.kubeConfig, { backoff: { initialMs: 100, maxMs: 1_000 } });
    kube = KubeObjectClient.forConfig(cluster.kubeConfig);
  }, 180_000);

  afterAll(async () => {
    cache?.stop();
    await cluster?.stop();
  });

  it("stays correct: changes made after the restart reach the cache, and nothing deleted meanwhile lingers", async () => {
    await kube.applyObject(configMap("kept", namespace, "before"));
    await kube.applyObject(configMap("changed", namespace, "before"));
    await kube.applyObject(configMap("deleted", namespace, "before"));
    await cache.ensureKinds([CONFIGMAP]);
    await expect.poll(() => cache.list(CONFIGMAP).filter((o) => o.metadata.namespace === namespace).length).toBeGreaterThanOrEqual(3);

    await cluster.restartApiserver({ downMs: 1_000 });
    await kube.applyObject(configMap("changed", namespace, "after"));
    await kube.deleteObject(configMap("deleted", namespace, ""));
    await kube.applyObject(configMap("created", namespace, "after"));

    await expect.poll(() => valueOf(cache.get(configMap("changed", namespace, ""))), { timeout: 30_000 }).toBe("after");
    await expect.poll(() => cache.get(configMap("deleted", namespace, "")), { timeout: 30_000 }).toBeUndefined();
    await expect.poll(() => valueOf(cache.get(configMap("created", namespace, ""))), { timeout: 30_000 }).toBe("after");
    expect(valueOf(cache.get(configMap("kept", namespace, "")))).toBe("before");
    const names = cache.list(CONFIGMAP).filter((o) => o.metadata.namespace === namespace).map((o) => o.metadata.name);
    const live = (await kube.listObjects("v1", "ConfigMap", { namespace })).map((o) => o.metadata.name);
    expect(names.sort()).toEqual(live.sort());
    const watch = cache.status().find((w) => w.kind === "ConfigMap");
    expect(watch?.failures, "the watch never lost its connection, so the restart proved nothing").toBeGreaterThan(0);
    await expect.poll(() => cache.status().find((w) => w.kind === "ConfigMap")?.phase, { timeout: 30_000 }).toBe("watching");
  });
});
