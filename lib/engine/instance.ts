/**
 * The one engine of this server process, built by instrumentation's `register()` through
 * {@link ensureEngine}. Next.js loads lib/ once per bundle (route handlers, pages, proxy,
 * instrumentation), so the engine is kept on `globalThis` — the only process-global in lib/ —
 * and every bundle reaches the same one through `getEngine()` (lib/engine/current), which does
 * not import this module.
 * Everything else of the process (database, auth, audit, credentials…) is built here, from
 * `process.env`, and owned by that engine.
 */
import { clusterTargetLister } from "@/lib/appsets/cluster-targets";
import { createAudit } from "@/lib/audit/audit";
import { createRequestStamp } from "@/lib/audit/request-context";
import { auditRetentionDays } from "@/lib/audit/retention";
import { installRequestHook } from "@/lib/audit/request-hook";
import { createAuth } from "@/lib/auth/auth";
import { Clusters } from "@/lib/cache/clusters";
import { createImageRequestAuthorizer } from "@/lib/cd/ci-token";
import { createImageSetter } from "@/lib/cd/image-service";
import { createClusterRecords } from "@/lib/clusters/store";
import { createClusterRegistry } from "@/lib/clusters/registry";
import { createManifestCipher } from "@/lib/credentials/manifest-cipher";
import { keyRingLoader } from "@/lib/credentials/secret-key";
import { createCredentialStore } from "@/lib/credentials/store";
import { databaseUrl, sqliteThreadFromEnv } from "@/lib/db/config";
import { openDatabaseLazily } from "@/lib/db/database";
import { dialectOf } from "@/lib/db/dialect";
import { createDriftReader } from "@/lib/drift/report";
import { EventBus } from "@/lib/events/bus";
import { startPostgresRelay, type EventRelay } from "@/lib/events/postgres-relay";
import { kubeconfigPathFromEnv } from "@/lib/kube/config";
import { publicUrlFromEnv } from "@/lib/notifications/public-url";
import { clusterWatchStats, createMetrics } from "@/lib/metrics";
import { shardKeeperFromEnv } from "@/lib/shards/from-env";
import { createSource, sourceOptionsFromEnv } from "@/lib/source";
import { createEngine, type Engine } from "./create-engine";
import { engineHolder } from "./current";
import { roomsOf } from "./rooms";
import { settingsFromEnv } from "./settings";

/** The server process's engine: an {@link Engine}, plus what only a server process has. */
export interface ServerEngine extends Engine {
  /**
   * Installs the HTTP request hook (lib/audit/request-hook) with this engine's Audit and
   * request stamp, so arriving requests are stamped and their audit notes appended when the
   * response closes. Called once from instrumentation; a second call installs nothing and
   * answers the same uninstaller.
   */
  installRequestHook(): () => void;
}

function buildEngine(): ServerEngine {
  const env = process.env;
  const keyRingOptions = { env };
  const keyRing = keyRingLoader(keyRingOptions);
  const url = databaseUrl();
  const database = openDatabaseLazily({ url, manifestCipher: createManifestCipher({ keyRing }), sqliteThread: sqliteThreadFromEnv(env) });
  const db = database.stores;
  const credentials = createCredentialStore({ db, keyRingOptions });
  const clusterRegistry = createClusterRegistry({ records: createClusterRecords({ rows: db.clusters, keyRing }) });
  const clusters = new Clusters({ kubeconfig: kubeconfigPathFromEnv(env), registered: clusterRegistry.registered });
  clusterRegistry.onChange((name) => clusters.forget(name));
  const auth = createAuth({ db, env });
  const audit = createAudit({ db, retentionDays: auditRetentionDays(env) });
  const stamp = createRequestStamp({ env });
  const settings = settingsFromEnv(env);
  const events = new EventBus();
  const metrics = createMetrics({ processMetrics: true });
  metrics.collectWatches(() => clusterWatchStats(clusters.active()));
  let relay: EventRelay | undefined;
  const source = createSource({ ...sourceOptionsFromEnv(env), credentials: credentials.credentialsFor, metrics });
  const engine = createEngine({
    db,
    clusters,
    metrics,
    source,
    events,
    rooms: roomsOf({
      db,
      auth,
      audit,
      stamp,
      credentials,
      clusters: clusterRegistry,
      images: { ...createImageRequestAuthorizer({ db, auth, env }), ...createImageSetter({ db, credentials: credentials.credentialsFor }) },
      drift: createDriftReader({ db }),
      env,
    }),
    settings,
    membership: shardKeeperFromEnv(env, settings.holder),
    repoCredentials: credentials.credentialsFor,
    notifications: { keyRing, settings: { publicUrl: publicUrlFromEnv(env) } },
    appSetClusters: clusterTargetLister({ registered: () => clusterRegistry.list(), kubeconfig: kubeconfigPathFromEnv(env) }),
  });
  let uninstallHook: (() => void) | undefined;
  return {
    ...engine,
    installRequestHook() {
      uninstallHook ??= installRequestHook({ audit, stamp });
      return uninstallHook;
    },
    async start(options) {
      audit.startRetentionSweep();
      await clusterRegistry.start();
      if (dialectOf(url) === "postgresql") relay = await startPostgresRelay({ url, bus: events, log: console });
      await engine.start(options);
    },
    async stop() {
      audit.stopRetentionSweep();
      clusterRegistry.stop();
      await engine.stop();
      await source.close();
      await relay?.stop();
      await database.close();
    },
  };
}

/** The process's engine, built on the first call and shared by every bundle of the server (instrumentation and tests call it). */
export function ensureEngine(): ServerEngine {
  engineHolder.lockstepEngine ??= buildEngine();
  return engineHolder.lockstepEngine;
}
