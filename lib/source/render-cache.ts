/**
 * Rendered desired states by commit: when a branch has not moved, a refresh
 * reuses the objects rendered for that commit instead of checking the tree
 * out and running Kustomize again. A hard refresh bypasses it. Entries are
 * kept as deflated JSON (a small fraction of the memory of the parsed objects,
 * which matters at thousands of apps, for well under a millisecond each way)
 * and parsed afresh on the way out, so callers may mutate what they get.
 */
import { LRUCache } from "lru-cache";

import type { KubeObject } from "@/lib/types";

import type { CommitInfo } from "./commit-info";
import { decodeObjects, encodeObjects } from "./encoded-objects";
import type { ClusterCapabilities } from "./helm";
import { repoIdentity } from "./repo-url";
import type { SourceSpec, SourceType } from "./source-spec";

/** What one render produced. */
export interface CachedRender {
  commit: CommitInfo;
  objects: KubeObject[];
  /** The source type the path was rendered as. */
  sourceType: SourceType;
}

/** Everything a render depends on besides the commit's content. */
export interface RenderKey {
  repoUrl: string;
  sha: string;
  path: string;
  appName: string;
  destNamespace: string;
  kustomizeBin?: string;
  helmBin?: string;
  /** The app's `source` block: a change of type or of any value renders again. */
  source?: SourceSpec;
  /** The destination's version and API versions, which a chart may read. */
  capabilities?: ClusterCapabilities;
}

/** How many renders are kept; the least recently used goes first. */
export const RENDER_CACHE_SIZE = 2000;

/** One cached render: its commit and its objects as deflated JSON. */
interface StoredRender {
  commit: CommitInfo;
  sourceType: SourceType;
  objects: Uint8Array;
}

/** Renders remembered by commit; see {@link createRenderCache}. */
export interface RenderCache {
  /** A copy of the render cached for `key`, or `undefined`. */
  get(key: RenderKey): CachedRender | undefined;
  /**
   * Remembers a copy of `render` for `key`, evicting the least recently used entry when full.
   * @param encoded `render.objects` as {@link encodeObjects} gives them, when the render has them so already
   */
  set(key: RenderKey, render: CachedRender, encoded?: Uint8Array): void;
  /** Forgets every render. */
  clear(): void;
}

/** Creates an empty {@link RenderCache} of at most `max` renders. */
export function createRenderCache(options: { max?: number } = {}): RenderCache {
  const entries = new LRUCache<string, StoredRender>({ max: options.max ?? RENDER_CACHE_SIZE });
  return {
    get(key) {
      const hit = entries.get(keyString(key));
      return hit && { commit: { ...hit.commit }, sourceType: hit.sourceType, objects: decodeObjects(hit.objects) };
    },
    set(key, render, encoded = encodeObjects(render.objects)) {
      entries.set(keyString(key), { commit: { ...render.commit }, sourceType: render.sourceType, objects: encoded });
    },
    clear() {
      entries.clear();
    },
  };
}

function keyString(key: RenderKey): string {
  const capabilities = key.capabilities ? [key.capabilities.kubeVersion ?? "", [...(key.capabilities.apiVersions ?? [])].sort()] : [];
  return JSON.stringify([repoIdentity(key.repoUrl), key.sha, key.path, key.appName, key.destNamespace, key.kustomizeBin ?? "", key.helmBin ?? "", key.source ?? {}, capabilities]);
}
