import { describe, expect, it } from "vitest";

import { createRenderCache, type RenderKey } from "./render-cache";

const commit = { sha: "a".repeat(40), subject: "first", author: "A <a@example.com>", date: "2025-01-01T00:00:00.000Z" };
const key = (appName: string): RenderKey => ({ repoUrl: "https://git.example/org/repo.git", sha: commit.sha, path: ".", appName, destNamespace: "default" });
const render = (name: string) => ({ commit, sourceType: "Directory" as const, objects: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name } }] });

describe("createRenderCache", () => {
  it("evicts the least recently used render when full", () => {
    const cache = createRenderCache({ max: 2 });
    cache.set(key("one"), render("one"));
    cache.set(key("two"), render("two"));
    expect(cache.get(key("one"))).toBeDefined();
    cache.set(key("three"), render("three"));
    expect(cache.get(key("two"))).toBeUndefined();
    expect(cache.get(key("one"))?.objects[0]?.metadata.name).toBe("one");
    expect(cache.get(key("three"))?.objects[0]?.metadata.name).toBe("three");
  });

  it("hands out copies, and one entry whatever credentials the URL carries", () => {
    const cache = createRenderCache();
    cache.set(key("one"), render("one"));
    const first = cache.get({ ...key("one"), repoUrl: "https://bot:token@git.example/org/repo.git/" });
    first!.objects[0]!.metadata.name = "changed";
    first!.commit.subject = "changed";
    expect(cache.get(key("one"))).toEqual(render("one"));
  });

  it("renders again when the app's Helm values or the cluster's version change", () => {
    const cache = createRenderCache();
    const helm = (tag: string): RenderKey => ({ ...key("one"), source: { helm: { values: `image:\n  tag: ${tag}\n` } } });
    cache.set(helm("1.0"), render("one"));
    expect(cache.get(helm("1.0"))).toBeDefined();
    expect(cache.get(helm("2.0"))).toBeUndefined();
    expect(cache.get({ ...helm("1.0"), capabilities: { kubeVersion: "v1.31.0" } })).toBeUndefined();
  });
});
