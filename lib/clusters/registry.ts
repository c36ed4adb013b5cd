/**
 * The registered clusters of one process: their records (through {@link ClusterRecords}), an
 * in-memory client configuration of each — built from the decrypted record, never written to a
 * file — that lib/kube's `KubeConfigs` looks names up in, and each one's connection state, kept
 * by a prober that asks every cluster for `/version` on an interval. The same loop reads the
 * records again, so a cluster registered or changed through another replica is picked up within
 * one interval; listeners hear of every cluster whose configuration changed or went away (the
 * watch caches drop theirs). The last known version and contact survive a change of credentials,
 * not of server.
 */
import type { KubeConfig } from "@kubernetes/client-node";
import type { ClusterRow } from "@/lib/db/clusters";
import { clusterInfoOf, type ClusterInfo } from "@/lib/kube/cluster-info";
import type { RegisteredConfigs } from "@/lib/kube/config";
import { kubeConfigOf } from "@/lib/kube/registered-config";
import { nextConnectionState, UNKNOWN_CONNECTION, type ConnectionState } from "./connection-state";
import type { ClusterCreate, ClusterUpdate } from "./schema";
import type { ClusterRecords, ClusterRecordView } from "./store";

/** A registered cluster with its connection state: what the API answers and the page shows. */
export interface ClusterView extends ClusterRecordView {
  connection: ConnectionState;
}

/** Asks a cluster whether it answers; never throws. */
export type ClusterProbe = (name: string, kc: KubeConfig) => Promise<Pick<ClusterInfo, "connected" | "version" | "error">>;

/** What a registry is built from. */
export interface ClusterRegistryOptions {
  records: ClusterRecords;
  /** @default asks `/version` (lib/kube/cluster-info) */
  probe?: ClusterProbe;
  /** Time between two probes (and re-reads of the records). @default 30 s */
  intervalMs?: number;
  /** How long a probe may take before the cluster counts as unreachable. @default 10 s */
  probeTimeoutMs?: number;
  /** @default Date.now */
  clock?: () => number;
  /** Where failures of the background loop go. @default console */
  log?: { error(message: string): void };
}

interface Entry {
  /** What the configuration was built from: the row's public fields and its ciphertext (nothing in clear). */
  fingerprint: string;
  server: string;
  config?: KubeConfig;
  /** Why the record cannot be used (its secret cannot be decrypted). */
  error?: string;
}

const fingerprintOf = (row: ClusterRow) => JSON.stringify([row.server, row.caData, row.authKind, row.clientCertificate, row.secret]);

const defaultProbe: ClusterProbe = (name, kc) => clusterInfoOf(name, kc);

/** Builds the registry; nothing runs until {@link ClusterRegistry.start}. */
export function createClusterRegistry(options: ClusterRegistryOptions) {
  const { records, probe = defaultProbe, intervalMs = 30_000, probeTimeoutMs = 10_000, clock = Date.now, log = console } = options;
  const entries = new Map<string, Entry>();
  const states = new Map<string, ConnectionState>();
  const listeners = new Set<(name: string) => void>();
  let reloading: Promise<string[]> | undefined;
  let probing: Promise<void> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;

  const registered: RegisteredConfigs = {
    lookup(name) {
      const entry = entries.get(name);
      if (entry?.error) throw new Error(entry.error);
      return entry?.config;
    },
  };

  async function load(): Promise<string[]> {
    const rows = await records.rows();
    const changed: string[] = [];
    for (const row of rows) {
      const fingerprint = fingerprintOf(row);
      const previous = entries.get(row.name);
      if (previous?.fingerprint === fingerprint) continue;
      try {
        entries.set(row.name, { fingerprint, server: row.server, config: kubeConfigOf(await records.openConnection(row)) });
      } catch (error) {
        entries.set(row.name, { fingerprint, server: row.server, error: error instanceof Error ? error.message : String(error) });
      }
      if (previous?.server !== row.server) states.delete(row.name);
      changed.push(row.name);
    }
    const names = new Set(rows.map((row) => row.name));
    for (const name of [...entries.keys()].filter((known) => !names.has(known))) {
      entries.delete(name);
      states.delete(name);
      changed.push(name);
    }
    for (const name of changed) for (const listener of listeners) listener(name);
    return changed;
  }

  /**
   * Reads the records again, after any read in progress (which may have missed a write just
   * made); answers the names whose configuration changed, appeared or went away.
   */
  function reload(): Promise<string[]> {
    const next = (reloading ?? Promise.resolve([])).catch(() => []).then(load);
    reloading = next;
    void next.catch(() => undefined).finally(() => {
      if (reloading === next) reloading = undefined;
    });
    return next;
  }

  /** Probes one cluster now and records its state. */
  async function probeOne(name: string): Promise<ConnectionState> {
    const entry = entries.get(name);
    if (!entry) return UNKNOWN_CONNECTION;
    let info: Pick<ClusterInfo, "connected" | "version" | "error">;
    if (!entry.config) info = { connected: false, error: entry.error };
    else {
      let timeout: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<Pick<ClusterInfo, "connected" | "error">>((resolve) => {
        timeout = setTimeout(() => resolve({ connected: false, error: `The API server did not answer within ${Math.round(probeTimeoutMs / 1000)} s.` }), probeTimeoutMs);
      });
      info = await Promise.race([probe(name, entry.config), late]).finally(() => clearTimeout(timeout));
    }
    if (entries.get(name) !== entry) return states.get(name) ?? UNKNOWN_CONNECTION;
    const state = nextConnectionState(states.get(name), info, new Date(clock()));
    states.set(name, state);
    return state;
  }

  /** Re-reads the records, then probes every cluster; one round at a time. */
  function refreshAll(): Promise<void> {
    probing ??= (async () => {
      await reload();
      await Promise.all([...entries.keys()].map((name) => probeOne(name)));
    })().finally(() => {
      probing = undefined;
    });
    return probing;
  }

  const withState = (view: ClusterRecordView): ClusterView => ({ ...view, connection: states.get(view.name) ?? UNKNOWN_CONNECTION });

  /** After a write here: read the records again and probe the cluster in the background. */
  async function afterWrite(name: string): Promise<void> {
    await reload();
    probeOne(name).catch((error: unknown) => log.error(`probing cluster ${name} failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  return {
    /** The lookup lib/kube's `KubeConfigs` resolves registered names with. */
    registered,
    /** Every registered cluster with its connection state, never a secret. */
    async list(): Promise<ClusterView[]> {
      return (await records.list()).map(withState);
    },
    /** One registered cluster with its connection state. @throws NotFoundError */
    async get(name: string): Promise<ClusterView> {
      return withState(await records.get(name));
    },
    /** Registers a cluster and starts probing it. @throws ConflictError when the name is taken. */
    async create(input: ClusterCreate): Promise<ClusterView> {
      const view = await records.create(input);
      await afterWrite(view.name);
      return withState(view);
    },
    /** Changes a cluster; its watches restart on the new configuration. @throws NotFoundError */
    async update(name: string, update: ClusterUpdate): Promise<ClusterView> {
      const view = await records.update(name, update);
      await afterWrite(name);
      return withState(view);
    },
    /** Deletes a cluster no app deploys to. @throws ConflictError while one does; NotFoundError */
    async delete(name: string): Promise<void> {
      await records.remove(name);
      await reload();
    },
    /** The connection state of a registered cluster; undefined for any other name. */
    stateOf(name: string): ConnectionState | undefined {
      return entries.has(name) ? (states.get(name) ?? UNKNOWN_CONNECTION) : undefined;
    },
    reload,
    probe: probeOne,
    refreshAll,
    /** Calls `listener` with the name of every cluster whose configuration changed or went away. @returns the unsubscriber. */
    onChange(listener: (name: string) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Reads the records (so apps find their clusters from the start), then probes on the interval. */
    async start(): Promise<void> {
      await reload().catch((error: unknown) => log.error(`reading the registered clusters failed: ${error instanceof Error ? error.message : String(error)}`));
      const round = () => refreshAll().catch((error: unknown) => log.error(`probing the registered clusters failed: ${error instanceof Error ? error.message : String(error)}`));
      void round();
      timer ??= setInterval(round, intervalMs);
      timer.unref?.();
    },
    /** Stops probing. */
    stop(): void {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}

/** A cluster registry: see {@link createClusterRegistry}. */
export type ClusterRegistry = ReturnType<typeof createClusterRegistry>;
