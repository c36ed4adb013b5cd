import { describe, expect, it } from "vitest";
import { TRACKING_ANNOTATION, type KubeObject } from "@/lib/types";
import { OwnerIndex } from "./owner-index";

function obj(kind: string, name: string, uid: string, owner?: { kind: string; uid: string }): KubeObject {
  return {
    apiVersion: kind === "Pod" ? "v1" : "apps/v1",
    kind,
    metadata: {
      name,
      namespace: "ns",
      uid,
      ...(owner ? { ownerReferences: [{ apiVersion: "apps/v1", kind: owner.kind, name: "x", uid: owner.uid, controller: true }] } : {}),
    },
  };
}

describe("OwnerIndex", () => {
  const deployment = obj("Deployment", "web", "d1");
  const replicaSet = obj("ReplicaSet", "web-1", "r1", { kind: "Deployment", uid: "d1" });
  const podA = obj("Pod", "web-1-a", "p1", { kind: "ReplicaSet", uid: "r1" });
  const podB = obj("Pod", "web-1-b", "p2", { kind: "ReplicaSet", uid: "r1" });

  it("finds children by owner uid, Deployment → ReplicaSet → Pods", () => {
    const index = new OwnerIndex();
    for (const o of [podA, podB, replicaSet, deployment]) index.upsert(o);
    expect(index.childrenOf("d1").map((o) => o.metadata.name)).toEqual(["web-1"]);
    expect(index.childrenOf("r1").map((o) => o.metadata.name).sort()).toEqual(["web-1-a", "web-1-b"]);
  });

  it("walks the owner chain up to the root", () => {
    const index = new OwnerIndex();
    for (const o of [deployment, replicaSet, podA]) index.upsert(o);
    expect(index.ownersOf(podA).map((o) => o.kind)).toEqual(["ReplicaSet", "Deployment"]);
  });

  it("forgets a deleted child and follows a changed owner reference", () => {
    const index = new OwnerIndex();
    for (const o of [deployment, replicaSet, podA, podB]) index.upsert(o);
    index.remove(podA);
    expect(index.childrenOf("r1").map((o) => o.metadata.name)).toEqual(["web-1-b"]);
    index.upsert(obj("Pod", "web-1-b", "p2"));
    expect(index.childrenOf("r1")).toEqual([]);
    expect(index.get("p2")?.metadata.ownerReferences).toBeUndefined();
  });

  it("stops at an owner cycle instead of looping", () => {
    const index = new OwnerIndex();
    const a = obj("ReplicaSet", "a", "a", { kind: "ReplicaSet", uid: "b" });
    const b = obj("ReplicaSet", "b", "b", { kind: "ReplicaSet", uid: "a" });
    index.upsert(a);
    index.upsert(b);
    expect(index.ownersOf(a).map((o) => o.metadata.name)).toEqual(["b", "a"]);
  });

  it("finds the objects each app's tracking annotation claims, following changes and deletions", () => {
    const index = new OwnerIndex();
    const tracked = (name: string, uid: string, app: string): KubeObject => ({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name, namespace: "ns", uid, annotations: { [TRACKING_ANNOTATION]: `${app}:/ConfigMap:ns/${name}` } },
    });
    index.upsert(tracked("a", "c1", "shop"));
    index.upsert(tracked("b", "c2", "shop"));
    index.upsert(tracked("c", "c3", "shop-admin"));
    index.upsert(obj("Deployment", "untracked", "d9"));
    expect(index.trackedBy("shop").map((o) => o.metadata.name).sort()).toEqual(["a", "b"]);
    index.upsert(tracked("b", "c2", "billing"));
    index.remove(tracked("a", "c1", "shop"));
    expect(index.trackedBy("shop")).toEqual([]);
    expect(index.trackedBy("billing").map((o) => o.metadata.name)).toEqual(["b"]);
    expect(index.trackedBy("shop-admin").map((o) => o.metadata.name)).toEqual(["c"]);
  });
});
