/**
 * lib/db — Lockstep's storage: `openDatabase({ url })` opens SQLite (`file:`, libsql adapter)
 * or PostgreSQL (`postgresql://`, node-postgres adapter) through Prisma, applies that dialect's
 * migrations and answers a {@link Database} (or, for objects built
 * synchronously, `openDatabaseLazily` opens it on first use) whose stores (apps, operations,
 * users, sessions, API tokens, audit, repository credentials, drift, projects) are built on that one
 * client. JSON columns are validated with zod on read (json-columns.ts).
 */
export { openDatabase, openDatabaseLazily, createStores, STORE_NAMES, type Database, type DatabaseOptions, type DatabaseStores, type LazyDatabase } from "./database";
export { openDb, openDialectDb, type Db, type OpenDbOptions } from "./client";
export { dialectOf, type Dialect } from "./dialect";
export { CorruptRowError, isCorruptRowError } from "./corrupt-row-error";
export type { ApiTokensStore } from "./api-tokens";
export type { AppSourcesStore } from "./app-sources";
export type { AppsStore } from "./apps";
export type { AuditStore } from "./audit";
export type { DriftStore } from "./drift";
export type { OperationsStore } from "./operations";
export type { ProjectDefinition, ProjectRecord, ProjectsStore } from "./projects";
export type { RepoCredentialsStore } from "./repo-credentials";
export type { SessionsStore } from "./sessions";
export type { UsersStore } from "./users";
