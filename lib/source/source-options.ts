/**
 * How a {@link Source} is configured: plain values, with their defaults in one place. Only
 * {@link sourceOptionsFromEnv} reads the environment, so a source built in a test depends on
 * nothing but what it is given.
 */
import path from "node:path";

import { CHECKOUT_KEEP_MS } from "./checkout-pool";
import { REMEMBERED_COMMITS } from "./commit-info";
import { DEFAULT_RENDER_LIMITS, renderLimits, type RenderLimits } from "./limits";
import { KNOWN_COMMITS } from "./mirror";
import { RENDER_CACHE_SIZE } from "./render-cache";
import { defaultRenderThreads } from "./render-threads";
import type { CredentialLookup } from "./repo-auth";
import type { SourceMetrics } from "./source-metrics";

/** How many entries each of a source's memories holds; the least recently used goes first. */
export interface SourceCacheSizes {
  /** Rendered desired states, by app and commit. @default 2000 */
  renders: number;
  /** Commits' author, date and subject. @default 1000 */
  commitInfo: number;
  /** Commits known to be in their mirror already (saves a `git cat-file` each). @default 5000 */
  knownCommits: number;
}

/** The defaults of {@link SourceCacheSizes}. */
export const DEFAULT_CACHE_SIZES: Readonly<SourceCacheSizes> = {
  renders: RENDER_CACHE_SIZE,
  commitInfo: REMEMBERED_COMMITS,
  knownCommits: KNOWN_COMMITS,
};

/** What {@link createSource} needs. */
export interface SourceOptions {
  /** Lockstep's data directory: mirrors go to `<dataDir>/repos`, checkouts to `<dataDir>/scratch`. */
  dataDir: string;
  /** Answers the credentials for a credential-free repository URL (e.g. from the stored repository credentials). @default none: public repositories only */
  credentials?: CredentialLookup;
  /** The kustomize binary. @default searched as `findKustomizeBinary` does (`LOCKSTEP_KUSTOMIZE`, `PATH`, the toolchain cache) */
  kustomize?: string;
  /** The helm binary. @default searched as `findHelmBinary` does (`LOCKSTEP_HELM`, `PATH`, the toolchain cache) */
  helm?: string;
  /** What one render may cost, over {@link DEFAULT_RENDER_LIMITS}. @default DEFAULT_RENDER_LIMITS */
  limits?: Partial<RenderLimits>;
  /** Told about network fetches and checkouts that cannot be removed. @default silent */
  log?: (message: string) => void;
  /** Sizes of the source's memories. @default DEFAULT_CACHE_SIZES */
  cacheSizes?: Partial<SourceCacheSizes>;
  /** How long an unused checkout is kept for the next render of the same commit, in milliseconds. @default 15_000 */
  checkoutKeepMs?: number;
  /** Told how long Git requests and renders take (the engine's metrics). @default none */
  metrics?: SourceMetrics;
  /** Worker threads that render plain directories; 0 renders them on the caller's thread. @default {@link defaultRenderThreads} */
  renderThreads?: number;
}

/** A source's options with every default filled in. */
export interface ResolvedSourceOptions extends Omit<SourceOptions, "limits" | "cacheSizes" | "checkoutKeepMs" | "renderThreads"> {
  limits: RenderLimits;
  cacheSizes: SourceCacheSizes;
  checkoutKeepMs: number;
  renderThreads: number;
}

/** Fills in the defaults of {@link SourceOptions}. */
export function resolveSourceOptions(options: SourceOptions): ResolvedSourceOptions {
  return {
    ...options,
    limits: { ...DEFAULT_RENDER_LIMITS, ...options.limits },
    cacheSizes: { ...DEFAULT_CACHE_SIZES, ...options.cacheSizes },
    checkoutKeepMs: options.checkoutKeepMs ?? CHECKOUT_KEEP_MS,
    renderThreads: options.renderThreads ?? defaultRenderThreads(),
  };
}

/**
 * The options the environment asks for: the data directory (`LOCKSTEP_DATA_DIR`, else `.data`,
 * as lib/db/config reads it), the kustomize and helm binaries (`LOCKSTEP_KUSTOMIZE`, `LOCKSTEP_HELM`) and the render limits
 * (`LOCKSTEP_RENDER_*`, `LOCKSTEP_KUSTOMIZE_REMOTE_BASES`; see `renderLimits`), and the render threads
 * (`LOCKSTEP_RENDER_THREADS`).
 * @throws Error when `LOCKSTEP_RENDER_THREADS` is not a whole number from 0 to 64.
 */
export function sourceOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): SourceOptions {
  return {
    dataDir: path.resolve(env.LOCKSTEP_DATA_DIR ?? ".data"),
    ...(env.LOCKSTEP_KUSTOMIZE ? { kustomize: env.LOCKSTEP_KUSTOMIZE } : {}),
    ...(env.LOCKSTEP_HELM ? { helm: env.LOCKSTEP_HELM } : {}),
    limits: renderLimits({}, env),
    ...(env.LOCKSTEP_RENDER_THREADS !== undefined ? { renderThreads: renderThreadsFrom(env.LOCKSTEP_RENDER_THREADS) } : {}),
  };
}

/** The most render threads `LOCKSTEP_RENDER_THREADS` may ask for. */
const MAX_RENDER_THREADS = 64;

function renderThreadsFrom(value: string): number {
  const threads = Number(value);
  if (value.trim() === "" || !Number.isInteger(threads) || threads < 0 || threads > MAX_RENDER_THREADS) {
    throw new Error(`LOCKSTEP_RENDER_THREADS must be a whole number from 0 to ${MAX_RENDER_THREADS}, not "${value}".`);
  }
  return threads;
}
