import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/types";
import { DryRunCache, dryRunKey } from "./dry-run-cache";

const desired: KubeObject = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "a", namespace: "n" }, spec: { replicas: 2 } };

function live(changes: { rv: string; spec?: object; status?: object; managers?: object[] }): KubeObject {
  return {
    ...desired,
    metadata: { ...desired.metadata, uid: "u1", resourceVersion: changes.rv, generation: 1, managedFields: changes.managers ?? [{ manager: "lockstep", operation: "Apply", time: "t1" }] },
    spec: changes.spec ?? desired.spec,
    status: changes.status ?? {},
  };
}

describe("the dry-run cache", () => {
  const cache = new DryRunCache();
  const rememberDryRun = cache.remember.bind(cache);
  const cachedDryRun = cache.lookup.bind(cache);

  it("answers a remembered verdict for the same desired object and live object", () => {
    const key = dryRunKey("local", desired, live({ rv: "7" }));
    rememberDryRun(key, "synced");
    expect(cachedDryRun(dryRunKey("local", structuredClone(desired), live({ rv: "7" })))).toBe("synced");
  });

  it("still answers once a controller only wrote the status or a bookkeeping annotation (new resource version, managers, timestamps)", () => {
    rememberDryRun(dryRunKey("local", desired, live({ rv: "8" })), "synced");
    const afterController = live({
      rv: "9",
      status: { readyReplicas: 2 },
      managers: [
        { manager: "lockstep", operation: "Apply", time: "t2" },
        { manager: "kube-controller-manager", operation: "Update", time: "t3" },
        { manager: "kube-controller-manager", operation: "Update", subresource: "status", time: "t3" },
      ],
    });
    afterController.metadata.annotations = { "deployment.kubernetes.io/revision": "1" };
    expect(cachedDryRun(dryRunKey("local", desired, afterController))).toBe("synced");
  });

  it("misses once the live spec changed, Lockstep's own ownership changed, Git's content changed or the cluster differs", () => {
    const predicted = live({ rv: "10", spec: { replicas: 3 } });
    rememberDryRun(dryRunKey("local", desired, live({ rv: "10" })), predicted);
    expect(cachedDryRun(dryRunKey("local", desired, live({ rv: "11", spec: { replicas: 5 } })))).toBeUndefined();
    const reowned = live({ rv: "12", managers: [{ manager: "lockstep", operation: "Apply", fieldsV1: { "f:spec": {} } }] });
    expect(cachedDryRun(dryRunKey("local", desired, reowned))).toBeUndefined();
    expect(cachedDryRun(dryRunKey("local", { ...desired, spec: { replicas: 4 } }, live({ rv: "10" })))).toBeUndefined();
    expect(cachedDryRun(dryRunKey("other", desired, live({ rv: "10" })))).toBeUndefined();
    expect(cachedDryRun(dryRunKey("local", desired, live({ rv: "10" })))).toEqual(predicted);
  });

  it("never caches the dry run of an object that does not exist yet", () => {
    expect(dryRunKey("local", desired, undefined)).toBeUndefined();
  });
});

describe("DryRunCache", () => {
  it("drops the least recently used verdict once full", () => {
    const cache = new DryRunCache({ max: 2 });
    cache.remember("a", "synced");
    cache.remember("b", "synced");
    expect(cache.lookup("a")).toBe("synced");
    cache.remember("c", "synced");
    expect([cache.lookup("a"), cache.lookup("b"), cache.lookup("c")]).toEqual(["synced", undefined, "synced"]);
    expect(cache.size).toBe(2);
  });

  it("ignores a missing key both ways", () => {
    const cache = new DryRunCache();
    cache.remember(undefined, "synced");
    expect(cache.size).toBe(0);
    expect(cache.lookup(undefined)).toBeUndefined();
  });

  it("keeps each instance's verdicts to itself", () => {
    const one = new DryRunCache();
    one.remember("k", "synced");
    expect(new DryRunCache().lookup("k")).toBeUndefined();
  });
});
