/**
 * The database as one object: a Prisma client opened on one URL and the stores built on it.
 * Nothing here is global; two `openDatabase` calls on two files give two independent
 * databases, which is what tests and, later, the engine build.
 */
import { createApiTokensStore, type ApiTokensStore } from "./api-tokens";
import { createAppSourcesStore, type AppSourcesStore } from "./app-sources";
import { createAppsStore, type AppsStore } from "./apps";
import { createAuditStore, type AuditStore } from "./audit";
import { openDb, type Db } from "./client";
import { createDriftStore, type DriftStore } from "./drift";
import { createOperationQueueStore, type OperationQueueStore } from "./operation-queue";
import { createOperationsStore, type OperationsStore } from "./operations";
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
}

/** The names of {@link DatabaseStores}, in one place. */
export const STORE_NAMES = ["apps", "appSources", "operations", "queue", "users", "sessions", "apiTokens", "audit", "repoCredentials", "drift"] as const satisfies readonly (keyof DatabaseStores)[];

/** An open database: its stores, the Prisma client under them (tools, tests), and how to close it. */
export interface Database extends DatabaseStores {
  /** The Prisma client, for tools and tests; rooms use the stores. */
  prisma: Db;
  /** Disconnects the client; the object must not be used afterwards. */
  close(): Promise<void>;
}

/** Options of {@link openDatabase}. */
export interface DatabaseOptions {
  /** A SQLite `file:` URL (see `databaseUrl()` in config.ts for the default one). */
  url: string;
  /** The migrations to apply first. @default `prisma/migrations` */
  migrationsDir?: string;
}

/** Builds the stores on an open Prisma client. */
export function createStores(prisma: Db): DatabaseStores {
  return {
    apps: createAppsStore(prisma),
    appSources: createAppSourcesStore(prisma),
    operations: createOperationsStore(prisma),
    queue: createOperationQueueStore(prisma),
    users: createUsersStore(prisma),
    sessions: createSessionsStore(prisma),
    apiTokens: createApiTokensStore(prisma),
    audit: createAuditStore(prisma),
    repoCredentials: createRepoCredentialsStore(prisma),
    drift: createDriftStore(prisma),
  };
}

/** Opens the database at `url`, applying pending migrations, with the libsql adapter. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const prisma = await openDb(options.url, options.migrationsDir ? { migrationsDir: options.migrationsDir } : {});
  return { ...createStores(prisma), prisma, close: () => prisma.$disconnect() };
}
