/**
 * The database as one object: a Prisma client opened on one URL and the stores built on it.
 * Nothing here is global; two `openDatabase` calls on two URLs give two independent
 * databases, which is what tests and the engine build.
 */
import { createApiTokensStore, type ApiTokensStore } from "./api-tokens";
import { createAppSetsStore, type AppSetsStore } from "./app-sets";
import { createAppSourcesStore, type AppSourcesStore } from "./app-sources";
import { createAppsStore, type AppsStore } from "./apps";
import { createAuditStore, type AuditStore } from "./audit";
import { openDialectDb, type Db } from "./client";
import type { Dialect } from "./dialect";
import { createClustersStore, type ClustersStore } from "./clusters";
import { createDriftStore, type DriftStore } from "./drift";
import { createOperationQueueStore, type OperationQueueStore } from "./operation-queue";
import type { ManifestCipher } from "./manifest-cipher";
import { createNotificationsStore, type NotificationsStore } from "./notifications";
import { createOperationsStore, type OperationsStore } from "./operations";
import { createPipelinesStore, type PipelinesStore } from "./pipelines";
import { createProjectsStore, type ProjectsStore } from "./projects";
import { createRepoCredentialsStore, type RepoCredentialsStore } from "./repo-credentials";
import { createSessionsStore, type SessionsStore } from "./sessions";
import { createUsersStore, type UsersStore } from "./users";

/** The stores of a database: what the rooms (engine, auth, audit, credentials) depend on. */
export interface DatabaseStores {
  apps: AppsStore;
  appSources: AppSourcesStore;
  operations: OperationsStore;
  queue: OperationQueueStore;
  users: UsersStore;
  sessions: SessionsStore;
  apiTokens: ApiTokensStore;
  audit: AuditStore;
  repoCredentials: RepoCredentialsStore;
  drift: DriftStore;
  projects: ProjectsStore;
  clusters: ClustersStore;
  notifications: NotificationsStore;
  pipelines: PipelinesStore;
  appSets: AppSetsStore;
}

/** The names of {@link DatabaseStores}, in one place. */
export const STORE_NAMES = ["apps", "appSources", "operations", "queue", "users", "sessions", "apiTokens", "audit", "repoCredentials", "drift", "projects", "clusters", "notifications", "pipelines", "appSets"] as const satisfies readonly (keyof DatabaseStores)[];

/** An open database: its stores, the Prisma client under them (tools, tests), and how to close it. */
export interface Database extends DatabaseStores {
  /** The Prisma client, for tools and tests; rooms use the stores. */
  prisma: Db;
  /** The dialect the URL named: `sqlite` (embedded) or `postgresql`. */
  dialect: Dialect;
  /** Disconnects the client; the object must not be used afterwards. */
  close(): Promise<void>;
}

/** Options of {@link openDatabase}. */
export interface DatabaseOptions {
  /**
   * A SQLite `file:` URL or a PostgreSQL `postgresql://` URL, which picks the dialect (see
   * `databaseUrl()` in config.ts for the default one).
   */
  url: string;
  /** The migrations to apply first. @default the dialect's: `prisma/migrations` or `prisma/migrations-postgresql` */
  migrationsDir?: string;
  /** Encrypts the manifests operations store (see {@link StoresOptions}). */
  manifestCipher?: ManifestCipher;
  /** SQLite's adapter on a thread of its own (see `OpenDbOptions`). @default false */
  sqliteThread?: boolean;
}

/** What the stores need besides the Prisma client. */
export interface StoresOptions {
  /** The dialect of the client, for the few statements written per dialect (lib/db/dialect.ts). */
  dialect: Dialect;
  /**
   * Encrypts the manifests operations store, Secrets among them; the server always passes
   * one (lib/engine/instance.ts). Without it they are stored gzip-only.
   */
  manifestCipher?: ManifestCipher;
}

/** Builds the stores on an open Prisma client. */
export function createStores(prisma: Db, options: StoresOptions): DatabaseStores {
  return {
    apps: createAppsStore(prisma, options.dialect),
    appSources: createAppSourcesStore(prisma),
    operations: createOperationsStore(prisma, { manifestCipher: options.manifestCipher, dialect: options.dialect }),
    queue: createOperationQueueStore(prisma),
    users: createUsersStore(prisma),
    sessions: createSessionsStore(prisma),
    apiTokens: createApiTokensStore(prisma),
    audit: createAuditStore(prisma),
    repoCredentials: createRepoCredentialsStore(prisma),
    drift: createDriftStore(prisma),
    projects: createProjectsStore(prisma),
    clusters: createClustersStore(prisma),
    notifications: createNotificationsStore(prisma),
    pipelines: createPipelinesStore(prisma),
    appSets: createAppSetsStore(prisma),
  };
}

/**
 * Opens the database at `url` — SQLite (libsql adapter) for `file:`, PostgreSQL (node-postgres
 * adapter) for `postgresql://` — applying the dialect's pending migrations.
 * @throws MisconfiguredError for a URL of another kind; UnreachableError when PostgreSQL does not answer.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const { prisma, dialect } = await openDialectDb(options.url, { ...(options.migrationsDir ? { migrationsDir: options.migrationsDir } : {}), sqliteThread: options.sqliteThread ?? false });
  return { ...createStores(prisma, { manifestCipher: options.manifestCipher, dialect }), prisma, dialect, close: () => prisma.$disconnect() };
}

/** A database being opened, whose stores can be handed out before it is: see {@link openDatabaseLazily}. */
export interface LazyDatabase {
  /** The stores, usable at once: each method waits for the database to open, then calls the real store. */
  stores: DatabaseStores;
  /** The open database; a failed open rejects, and the next call (of a store method or of this) tries again. */
  ready(): Promise<Database>;
  /** Closes the database if it was opened (or is opening); the stores must not be used afterwards. */
  close(): Promise<void>;
}

/**
 * Opens the database on first use instead of at once, so an object built synchronously — the
 * engine of the server process — can take its stores while migrations still run. A failed open
 * is not kept: the next store call opens again.
 */
export function openDatabaseLazily(options: DatabaseOptions): LazyDatabase {
  let opening: Promise<Database> | undefined;

  function ready(): Promise<Database> {
    if (!opening) {
      const attempt = openDatabase(options);
      attempt.catch(() => {
        if (opening === attempt) opening = undefined;
      });
      opening = attempt;
    }
    return opening;
  }

  /** A stand-in for one store whose every method awaits the open database's store of that name. */
  function lazyStore(name: keyof DatabaseStores): object {
    return new Proxy(
      {},
      {
        get: (_target, method) =>
          method === "then" || typeof method === "symbol"
            ? undefined
            : async (...args: unknown[]) => {
                const store = (await ready())[name] as unknown as Record<string, (...a: unknown[]) => unknown>;
                return store[method]!(...args);
              },
      },
    );
  }

  const stores = Object.fromEntries(STORE_NAMES.map((name) => [name, lazyStore(name)])) as unknown as DatabaseStores;
  return {
    stores,
    ready,
    close: async () => {
      const current = opening;
      opening = undefined;
      const database = await current?.catch(() => undefined);
      await database?.close();
    },
  };
}
