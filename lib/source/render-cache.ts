/**
 * Rendered desired states by commit: when a branch has not moved, a refresh
 * reuses the objects rendered for that commit instead of checking the tree
 * out and running Kustomize again. A hard refresh bypasses it. Entries are
 * kept as JSON text (a fraction of the memory of the parsed objects, which
 * matters at thousands of apps) and parsed afresh on the way out, so callers
 * may mutate what they get.
 */
import type { KubeObject } from "@/lib/types";

import type { CommitInfo } from "./commit-info";
import { repoIdentity } from "./repo-url";

/** What one render produced. */
export interface CachedRender {
  commit: CommitInfo;
  objects: KubeObject[];
}

/** Everything a render depends on besides the commit's content. */
export interface RenderKey {
  repoUrl: string;
  sha: string;
  path: string;
  appName: string;
  destNamespace: string;
  kustomizeBin?: string;
  /** The data directory holding the mirror, when not the default. */
  dataDir?: string;
}

/** How many renders are kept; the least recently used goes first. */
export const RENDER_CACHE_SIZE = 2000;

/** One cached render: its commit and its objects as JSON text. */
interface StoredRender {
  commit: CommitInfo;
  objectsJson: string;
}

const globalForCache = globalThis as unknown as { lockstepRenderCache?: Map<string, StoredRender> };

function entries(): Map<string, StoredRender> {
  globalForCache.lockstepRenderCache ??= new Map();
  return globalForCache.lockstepRenderCache;
}

function keyString(key: RenderKey): string {
  return JSON.stringify([repoIdentity(key.repoUrl), key.sha, key.path, key.appName, key.destNamespace, key.kustomizeBin ?? "", key.dataDir ?? ""]);
}

/** A copy of the render cached for `key`, or `undefined`. */
export function getCachedRender(key: RenderKey): CachedRender | undefined {
  const map = entries();
  const id = keyString(key);
  const hit = map.get(id);
  if (!hit) return undefined;
  map.delete(id);
  map.set(id, hit);
  return { commit: { ...hit.commit }, objects: JSON.parse(hit.objectsJson) as KubeObject[] };
}

/** Remembers a copy of `render` for `key`, evicting the least recently used entry when full. */
export function cacheRender(key: RenderKey, render: CachedRender): void {
  const map = entries();
  const id = keyString(key);
  map.delete(id);
  map.set(id, { commit: { ...render.commit }, objectsJson: JSON.stringify(render.objects) });
  while (map.size > RENDER_CACHE_SIZE) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) break;
    map.delete(oldest);
  }
}
