import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/types";
import { ObjectStore } from "./store";

const cm = (name: string, rv: string, namespace = "ns"): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace, resourceVersion: rv },
});

describe("ObjectStore", () => {
  it("reports an added object, then a modified one with its previous state", () => {
    const store = new ObjectStore();
    expect(store.upsert(cm("a", "1"))?.type).toBe("added");
    const change = store.upsert(cm("a", "2"));
    expect(change?.type).toBe("modified");
    expect(change?.previous?.metadata.resourceVersion).toBe("1");
    expect(store.get("ns", "a")?.metadata.resourceVersion).toBe("2");
  });

  it("keeps a newer object when an older resource version arrives late", () => {
    const store = new ObjectStore();
    store.upsert(cm("a", "5"));
    expect(store.upsert(cm("a", "4"))).toBeUndefined();
    expect(store.get("ns", "a")?.metadata.resourceVersion).toBe("5");
  });

  it("reports nothing for the same resource version seen twice, and keeps the instance it had", () => {
    const store = new ObjectStore();
    const first = cm("a", "5");
    store.upsert(first);
    expect(store.upsert(cm("a", "5"))).toBeUndefined();
    expect(store.get("ns", "a")).toBe(first);
  });

  it("keeps the instances of unchanged objects through a relist", () => {
    const store = new ObjectStore();
    const same = cm("a", "5");
    store.upsert(same);
    store.upsert(cm("b", "6"));
    const changes = store.replace([cm("a", "5"), cm("b", "7")]);
    expect(changes.map((c) => `${c.type}:${c.object.metadata.name}`)).toEqual(["modified:b"]);
    expect(store.get("ns", "a")).toBe(same);
    expect(store.get("ns", "b")?.metadata.resourceVersion).toBe("7");
  });

  it("reports a deletion only for a cached object", () => {
    const store = new ObjectStore();
    expect(store.remove(cm("a", "1"))).toBeUndefined();
    store.upsert(cm("a", "1"));
    expect(store.remove(cm("a", "2"))?.type).toBe("deleted");
    expect(store.size).toBe(0);
  });

  it("turns a relist into deletions, additions and modifications", () => {
    const store = new ObjectStore();
    store.upsert(cm("gone", "1"));
    store.upsert(cm("same", "2"));
    store.upsert(cm("changed", "3"));
    const changes = store.replace([cm("same", "2"), cm("changed", "9"), cm("new", "10")]);
    const summary = changes.map((c) => `${c.type}:${c.object.metadata.name}`).sort();
    expect(summary).toEqual(["added:new", "deleted:gone", "modified:changed"]);
    expect(store.list().map((o) => o.metadata.name).sort()).toEqual(["changed", "new", "same"]);
  });

  it("lists one namespace's objects", () => {
    const store = new ObjectStore();
    store.upsert(cm("a", "1", "x"));
    store.upsert(cm("b", "1", "y"));
    expect(store.list("x").map((o) => o.metadata.name)).toEqual(["a"]);
  });
});
