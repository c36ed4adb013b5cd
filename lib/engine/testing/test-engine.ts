/**
 * An engine for unit tests: a real SQLite database in a temporary directory (or a fresh
 * PostgreSQL database with `LOCKSTEP_TEST_DATABASE=postgresql`), clusters kept in memory, and
 * Git scripted as the objects each app renders to.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AppSetGit } from "@/lib/appsets/git-tree";
import { openDatabase, type Database } from "@/lib/db/database";
import { EventBus } from "@/lib/events/bus";
import type { LoadDesiredStateRequest } from "@/lib/source";
import { claimObject } from "@/lib/source/ownership";
import type { KubeObject } from "@/lib/types";
import { createTestDatabase, dropTestDatabase } from "@/test/helpers/test-database";
import { createEngine, type Engine, type EngineRooms } from "../create-engine";
import type { EngineNotifications } from "../notifications";
import type { EngineSettings } from "../context";
import { CLUSTER_SCOPED, MemoryClusters } from "./memory-cluster";

/** Git as these tests see it: the objects each app renders to, at one commit. */
export class ScriptedSource {
  readonly loads: string[] = [];
  desired = new Map<string, KubeObject[]>();

  async loadDesiredState(request: LoadDesiredStateRequest) {
    this.loads.push(request.appName);
    const objects = (this.desired.get(request.appName) ?? []).map((obj) =>
      claimObject(structuredClone(obj), { appName: request.appName, destNamespace: request.destNamespace, isNamespaced: !CLUSTER_SCOPED.has(obj.kind) }),
    );
    return { objects, commit: { sha: "c".repeat(40), subject: "config", author: "ci", date: "2026-11-30T00:00:00Z" } };
  }
}

/** Settings that make a test engine quick: fast polls, short waits. */
export const TEST_SETTINGS: EngineSettings = {
  refreshIntervalMs: 60_000,
  refreshConcurrency: 2,
  historyLimit: 10,
  workerConcurrency: 2,
  workerPollMs: 50,
  applyConcurrency: 4,
  syncTimeoutMs: 60_000,
  healthPollMs: 10,
  holder: "test:1",
};

/** A started test engine and what it was built from. */
export interface TestEngine {
  engine: Engine;
  db: Database;
  clusters: MemoryClusters;
  source: ScriptedSource;
  events: EventBus;
  /** Stops the engine, closes the database and removes its directory. */
  stop(): Promise<void>;
}

/** Options of {@link startTestEngine}. */
export interface TestEngineOptions {
  /** Notifications of the engine. @default none */
  notifications?: EngineNotifications;
  /** What app sets read of Git. @default none: app sets with Git generators fail */
  appSetGit?: AppSetGit;
}

/** Builds and starts an engine (without its reconciler) on test dependencies. */
export async function startTestEngine(options: TestEngineOptions = {}): Promise<TestEngine> {
  const dir = await mkdtemp(path.join(tmpdir(), "lockstep-engine-"));
  const url = await createTestDatabase(dir, "engine.db");
  const db = await openDatabase({ url });
  const clusters = new MemoryClusters();
  const source = new ScriptedSource();
  const events = new EventBus();
  const engine = createEngine({
    db,
    clusters,
    source,
    events,
    rooms: (() => ({})) as unknown as () => EngineRooms,
    settings: TEST_SETTINGS,
    log: { info: () => {}, error: () => {} },
    ...(options.notifications ? { notifications: options.notifications } : {}),
    ...(options.appSetGit ? { appSetGit: options.appSetGit } : {}),
  });
  await engine.start({ reconcile: false });
  return {
    engine,
    db,
    clusters,
    source,
    events,
    stop: async () => {
      await engine.stop();
      await db.close();
      await dropTestDatabase(url);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
