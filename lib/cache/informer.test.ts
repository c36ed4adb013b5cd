import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/types";
import type { CollectionList } from "./cache-client";
import { Informer, type InformerOptions } from "./informer";
import type { StoreChange } from "./store";

const cm = (name: string, rv: string): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "ns", resourceVersion: rv } });

type WatchCall = { params: Record<string, unknown>; send: (type: string, obj: unknown) => void; end: (error?: unknown) => void };

/** A scripted API: lists answer from a queue, each watch call is handed to the test to drive. */
function scriptedApi(lists: (CollectionList | Error)[]) {
  const watches: WatchCall[] = [];
  let listCalls = 0;
  const api: Pick<InformerOptions, "client" | "watch"> = {
    client: {
      collectionPath: async () => "/api/v1/configmaps",
      listCollection: async () => {
        const next = lists[Math.min(listCalls++, lists.length - 1)] as CollectionList | Error;
        if (next instanceof Error) throw next;
        return next;
      },
      collectionVersion: async () => {
        const next = lists[Math.min(listCalls++, lists.length - 1)] as CollectionList | Error;
        if (next instanceof Error) throw next;
        return next.resourceVersion;
      },
    },
    watch: {
      watch: async (_path, params, callback, done) => {
        watches.push({ params: params as Record<string, unknown>, send: (type, obj) => callback(type, obj), end: (error) => done(error ?? null) });
        return new AbortController();
      },
    },
  };
  return { api, watches, listCalls: () => listCalls };
}

function informerWith(api: Pick<InformerOptions, "client" | "watch">, changes: StoreChange[], keepObjects = true) {
  return new Informer({ ...api, ref: { apiVersion: "v1", kind: "ConfigMap" }, onChanges: (c) => changes.push(...c), backoff: { initialMs: 1, maxMs: 2 }, keepObjects });
}

describe("Informer", () => {
  it("lists once, then watches from the list's resource version and applies events", async () => {
    const { api, watches } = scriptedApi([{ items: [cm("a", "1")], resourceVersion: "10" }]);
    const changes: StoreChange[] = [];
    const informer = informerWith(api, changes);
    informer.start();
    await informer.waitForSync();
    await expect.poll(() => watches.length).toBe(1);
    expect(watches[0]?.params.resourceVersion).toBe("10");
    watches[0]?.send("MODIFIED", cm("a", "11"));
    watches[0]?.send("ADDED", cm("b", "12"));
    expect(changes.map((c) => `${c.type}:${c.object.metadata.name}`)).toEqual(["added:a", "modified:a", "added:b"]);
    informer.stop();
  });

  it("resumes from the last resource version seen (bookmarks too) after the connection drops, without relisting", async () => {
    const { api, watches, listCalls } = scriptedApi([{ items: [], resourceVersion: "10" }]);
    const informer = informerWith(api, []);
    informer.start();
    await expect.poll(() => watches.length).toBe(1);
    watches[0]?.send("ADDED", cm("a", "15"));
    watches[0]?.send("BOOKMARK", { metadata: { resourceVersion: "20" } });
    watches[0]?.end(new Error("socket hang up"));
    await expect.poll(() => watches.length).toBe(2);
    expect(watches[1]?.params.resourceVersion).toBe("20");
    expect(listCalls()).toBe(1);
    expect(informer.failuresSinceStart).toBe(1);
    informer.stop();
  });

  it("relists after 410 Gone and reports what changed meanwhile, deletions included", async () => {
    const { api, watches } = scriptedApi([
      { items: [cm("a", "1"), cm("b", "2")], resourceVersion: "10" },
      { items: [cm("a", "30")], resourceVersion: "40" },
    ]);
    const changes: StoreChange[] = [];
    const informer = informerWith(api, changes);
    informer.start();
    await expect.poll(() => watches.length).toBe(1);
    watches[0]?.send("ERROR", { kind: "Status", code: 410, message: "too old resource version" });
    watches[0]?.end();
    await expect.poll(() => watches.length).toBe(2);
    expect(watches[1]?.params.resourceVersion).toBe("40");
    expect(informer.relists).toBe(1);
    expect(changes.slice(2).map((c) => `${c.type}:${c.object.metadata.name}`).sort()).toEqual(["deleted:b", "modified:a"]);
    informer.stop();
  });

  it("rejects those waiting for the first list when it fails, and keeps retrying until it succeeds", async () => {
    const { api } = scriptedApi([new Error("connect ECONNREFUSED 127.0.0.1:6443"), { items: [cm("a", "1")], resourceVersion: "5" }]);
    const informer = informerWith(api, []);
    const first = informer.waitForSync();
    informer.start();
    await expect(first).rejects.toThrow("ConfigMap: connection refused by the Kubernetes API server");
    await expect.poll(() => informer.isSynced).toBe(true);
    expect(informer.store.get("ns", "a")).toBeDefined();
    informer.stop();
  });

  it("streams changes without keeping objects when told not to, starting from the collection's current version", async () => {
    const { api, watches } = scriptedApi([{ items: [cm("old", "1")], resourceVersion: "10" }]);
    const changes: StoreChange[] = [];
    const informer = informerWith(api, changes, false);
    informer.start();
    await informer.waitForSync();
    await expect.poll(() => watches.length).toBe(1);
    expect(watches[0]?.params.resourceVersion).toBe("10");
    watches[0]?.send("ADDED", cm("a", "11"));
    watches[0]?.send("MODIFIED", cm("a", "12"));
    watches[0]?.send("DELETED", cm("a", "13"));
    expect(changes.map((c) => `${c.type}:${c.object.metadata.name}`)).toEqual(["added:a", "modified:a", "deleted:a"]);
    expect(informer.store.size).toBe(0);
    informer.stop();
  });
});
