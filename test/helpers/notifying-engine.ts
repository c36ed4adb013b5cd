/**
 * An engine built as the server builds it — real watch caches on the test cluster, a real Git
 * source, SQLite or PostgreSQL — with notifications on but no web server, and the local sinks
 * its channels send to: an HTTP receiver and an SMTP server on loopback. Shared by the
 * notification integration tests.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { appSpecSchema } from "@/lib/apps/spec";
import type { Principal } from "@/lib/auth/principal";
import { Clusters } from "@/lib/cache/clusters";
import { toSecretKey, type KeyRing } from "@/lib/credentials/secret-key";
import { openDatabase } from "@/lib/db/database";
import { createEngine, type Engine, type EngineRooms } from "@/lib/engine/create-engine";
import { settingsFromEnv } from "@/lib/engine/settings";
import { EventBus } from "@/lib/events/bus";
import type { Metrics } from "@/lib/metrics";
import { createSource } from "@/lib/source";
import { commitFiles, createGitFixture, type GitFixture } from "./git";
import { createTestNamespace, type TestNamespace } from "./namespace";
import { startHttpReceiver, startSmtpSink, type HttpReceiver, type SmtpSink } from "./notification-sinks";
import { createTestDatabase, dropTestDatabase } from "./test-database";

/** The caller every operation of these tests names. */
export const ADMIN: Principal = { kind: "user", name: "admin", role: "admin", grants: ["*"], mustChangePassword: false };

/** A ConfigMap `settings` holding `value`. */
export const CONFIG_MAP = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  value: "${value}"\n`;

/** A Deployment the API server refuses (a negative replica count): every sync of it fails. */
export const REFUSED_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: refused
spec:
  replicas: -1
  selector:
    matchLabels: { app: refused }
  template:
    metadata:
      labels: { app: refused }
    spec:
      containers:
        - name: web
          image: registry.example.com/refused:1
`;

/** Options of {@link startNotifyingEngine}. */
export interface NotifyingEngineOptions {
  /** Prefix of the apps', repositories' and namespaces' names, and of the engine's holder. */
  prefix: string;
  /** The engine's event bus, for a test that listens to it. @default a new one */
  events?: EventBus;
  /** The engine's metrics, for a test that reads them. @default the engine's own */
  metrics?: Metrics;
}

/** A running notifying engine and its sinks. */
export interface NotifyingEngine {
  engine: Engine;
  git: GitFixture;
  receiver: HttpReceiver;
  smtp: SmtpSink;
  /** An app on a new repository holding `files`, in a namespace of its own. */
  createApp(files: Record<string, string>): Promise<{ name: string; repo: string; first: string; ns: TestNamespace }>;
  /** Stops the engine and the sinks and removes what the harness made. */
  close(): Promise<void>;
}

/** Starts an engine with notifications (fast retries: 4 attempts from 300 ms), its database, Git fixture and sinks. */
export async function startNotifyingEngine(options: NotifyingEngineOptions): Promise<NotifyingEngine> {
  const { prefix } = options;
  const ring: KeyRing = { current: toSecretKey(randomBytes(32)), previous: [] };
  const dir = await mkdtemp(path.join(tmpdir(), `lockstep-${prefix}-`));
  const url = await createTestDatabase(dir, `${prefix}.db`);
  const db = await openDatabase({ url });
  const git = await createGitFixture();
  const receiver = await startHttpReceiver();
  const smtp = await startSmtpSink();
  const source = createSource({ dataDir: dir });
  const namespaces: TestNamespace[] = [];
  const engine = createEngine({
    db,
    clusters: new Clusters({ kubeconfig: inject("kubeconfig") }),
    source,
    events: options.events ?? new EventBus(),
    rooms: (() => ({})) as unknown as () => EngineRooms,
    settings: { ...settingsFromEnv({}), workerPollMs: 100, healthPollMs: 200, syncTimeoutMs: 30_000, holder: `${prefix}-test:1` },
    log: { info: () => {}, error: () => {} },
    ...(options.metrics ? { metrics: options.metrics } : {}),
    notifications: { keyRing: async () => ring, settings: { publicUrl: "https://lockstep.example", backoff: { initialMs: 300, maxMs: 2_000 }, attempts: 4 } },
  });
  await engine.start({ reconcile: false });
  return {
    engine,
    git,
    receiver,
    smtp,
    async createApp(files) {
      const id = randomBytes(3).toString("hex");
      const ns = await createTestNamespace(prefix);
      namespaces.push(ns);
      const repo = await git.createRepo(`${prefix}-${id}.git`);
      const first = await commitFiles(repo, { files, message: "Initial manifests" });
      const name = `${prefix}-${id}`;
      await engine.apps.create(appSpecSchema.parse({ name, repoUrl: git.server.repoUrl(`${prefix}-${id}.git`), targetRevision: "main", path: ".", destNamespace: ns.name }), ADMIN);
      return { name, repo, first, ns };
    },
    async close() {
      await engine.stop();
      await source.close();
      await db.close();
      await dropTestDatabase(url);
      await receiver.close();
      await smtp.close();
      await git.cleanup();
      await Promise.all(namespaces.map((ns) => ns.cleanup()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
