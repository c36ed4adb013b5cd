import { describe, expect, it } from "vitest";
import type { WatchStatus } from "@/lib/cache/cluster-cache";
import { clusterWatchStats } from "./watches";

function watch(phase: WatchStatus["phase"], failures: number, relists: number): WatchStatus {
  return { apiVersion: "v1", kind: "ConfigMap", phase, objects: 3, failures, relists };
}

describe("clusterWatchStats", () => {
  it("counts each cluster's open watches and adds up its failed attempts and relists as reconnects", () => {
    const caches = new Map([
      ["local", { status: () => [watch("watching", 0, 1), watch("reconnecting", 2, 0), watch("stopped", 1, 0)] }],
      ["edge", { status: () => [] }],
    ]);
    expect(clusterWatchStats(caches)).toEqual([
      { cluster: "local", watches: 2, reconnects: 4 },
      { cluster: "edge", watches: 0, reconnects: 0 },
    ]);
  });
});
