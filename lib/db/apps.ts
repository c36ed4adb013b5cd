import type { AppSpec, AppUpdate } from "@/lib/apps/spec";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { SourceType } from "@/lib/source/source-spec";
import type { AppCondition, OperationPhase, SyncStatus, HealthStatus } from "@/lib/types";
import type { App as StoredApp, AppStatus as StoredStatusRow } from "@/prisma/generated/client";
import type { Db } from "./client";
import { createBatchedCalls } from "./batched-calls";
import { containsText, type Dialect } from "./dialect";
import { createStatusWriter } from "./status-writes";
import { appConditionsSchema, appIgnoreDifferencesSchema, appSourceColumnSchema, readJsonColumn, statusResourcesSchema } from "./json-columns";

/** An application as stored, with its last known status. */
export interface AppRecord extends AppSpec {
  id: string;
  /** The commit SHA a rollback re-applied, until Git's version is synced again; null otherwise. */
  rolledBackTo: string | null;
  rolledBackAt: Date | null;
  /** True when a rollback turned automated sync off; resuming turns it back on. */
  autoSyncPaused: boolean;
  /** The app set that generated the app (lib/appsets); null for an app made by hand. */
  appSet: string | null;
  createdAt: Date;
  updatedAt: Date;
  status: AppStatusRecord;
}

/** The last comparison result of an app. */
export interface AppStatusRecord {
  syncStatus: SyncStatus;
  healthStatus: HealthStatus;
  revision: string | null;
  revisionSubject: string | null;
  revisionAuthor: string | null;
  revisionDate: Date | null;
  conditions: AppCondition[];
  reconciledAt: Date | null;
  /** The source type the last render used (Directory, Kustomize, Helm); null before the first. */
  sourceType: SourceType | null;
}

/** A row of the Applications list: the app, its status and its last operation. */
export interface AppListRow extends AppRecord {
  lastOperation: { phase: OperationPhase; kind: string; startedAt: Date; finishedAt: Date | null } | null;
}

/** Filters of the Applications list. */
export interface AppListQuery {
  /** Substring of the name, repository URL or namespace. */
  search?: string;
  syncStatus?: SyncStatus;
  /** Only the apps of this project. */
  project?: string;
  /** Only the apps of these projects (what a caller may see); none at all when empty. */
  projects?: readonly string[];
  /** 1-based. @default 1 */
  page?: number;
  /** @default 50 */
  pageSize?: number;
}

const EMPTY_STATUS: AppStatusRecord = {
  syncStatus: "Unknown",
  healthStatus: "Unknown",
  revision: null,
  revisionSubject: null,
  revisionAuthor: null,
  revisionDate: null,
  conditions: [],
  reconciledAt: null,
  sourceType: null,
};

/**
 * App records are read without the status's per-resource rows, which only `getStatusResources`
 * and `getAppWithResources` read: at 20 resources an app they are most of the row, and the app
 * list and every comparison read app records.
 */
const WITH_STATUS = { status: { omit: { resources: true } } } as const;

/** A status row as app records read it: without its per-resource rows. */
type StoredStatus = Omit<StoredStatusRow, "resources"> | null;

function toRecord(app: StoredApp, status: StoredStatus): AppRecord {
  return {
    id: app.id,
    name: app.name,
    repoUrl: app.repoUrl,
    targetRevision: app.targetRevision,
    path: app.path,
    destCluster: app.destCluster,
    destNamespace: app.destNamespace,
    automated: app.automated,
    prune: app.prune,
    selfHeal: app.selfHeal,
    createNamespace: app.createNamespace,
    historyLimit: app.historyLimit,
    refreshSeconds: app.refreshSeconds,
    project: app.project,
    ignoreDifferences: readJsonColumn(appIgnoreDifferencesSchema, app.ignoreDifferences, { table: "App", column: "ignoreDifferences", rowId: app.id }),
    source: app.source === null ? null : readJsonColumn(appSourceColumnSchema, app.source, { table: "App", column: "source", rowId: app.id }),
    rolledBackTo: app.rolledBackTo,
    rolledBackAt: app.rolledBackAt,
    autoSyncPaused: app.autoSyncPaused,
    appSet: app.appSet,
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
    status: status
      ? {
          syncStatus: status.syncStatus as SyncStatus,
          healthStatus: status.healthStatus as HealthStatus,
          revision: status.revision,
          revisionSubject: status.revisionSubject,
          revisionAuthor: status.revisionAuthor,
          revisionDate: status.revisionDate,
          conditions: readJsonColumn(appConditionsSchema, status.conditions, { table: "AppStatus", column: "conditions", rowId: status.appId }),
          reconciledAt: status.reconciledAt,
          sourceType: isSourceType(status.sourceType) ? status.sourceType : null,
        }
      : EMPTY_STATUS,
  };
}

/** A spec or update as columns: the JSON columns as text, left out when the update does not name them. */
function columnsOf<T extends { ignoreDifferences?: AppSpec["ignoreDifferences"]; source?: AppSpec["source"] }>(spec: T): Omit<T, "ignoreDifferences" | "source"> & { ignoreDifferences?: string; source?: string | null } {
  const { ignoreDifferences, source, ...rest } = spec;
  return {
    ...rest,
    ...(ignoreDifferences !== undefined ? { ignoreDifferences: JSON.stringify(ignoreDifferences) } : {}),
    ...(source !== undefined ? { source: source ? JSON.stringify(source) : null } : {}),
  };
}

function isSourceType(value: string | null): value is SourceType {
  return value === "Directory" || value === "Kustomize" || value === "Helm";
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/** True for Prisma's foreign key violation: here, an app naming a project that does not exist. */
function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2003";
}

function noSuchProject(project: string | undefined, cause: unknown): ValidationError {
  return new ValidationError([{ field: "project", message: `Project "${project}" does not exist.` }], { cause });
}

/** The list's project conditions: one project, and (for per-project visibility) only some projects. */
function projectFilters(query: Pick<AppListQuery, "project" | "projects">): { project: string | { in: string[] } }[] {
  return [
    ...(query.project !== undefined ? [{ project: query.project }] : []),
    ...(query.projects !== undefined ? [{ project: { in: [...query.projects] } }] : []),
  ];
}

/** What a refresh found, stored as the app's status. */
export interface StatusUpdate {
  syncStatus: SyncStatus;
  healthStatus: HealthStatus;
  revision?: string | null;
  revisionSubject?: string | null;
  revisionAuthor?: string | null;
  revisionDate?: Date | null;
  conditions: AppCondition[];
  resources: unknown[];
  /** The source type the render used; absent (or null) keeps the stored one. */
  sourceType?: SourceType | null;
}

/** An app's stored per-resource rows, read from their JSON column. */
function resourceRowsOf<T>(appId: string, column: string): T[] {
  return readJsonColumn(statusResourcesSchema, column, { table: "AppStatus", column: "resources", rowId: appId }) as T[];
}

/**
 * Applications and their last status, on one database.
 * @param dialect the client's dialect, so searching ignores case on both (see `containsText`).
 */
export function createAppsStore(db: Db, dialect: Dialect = "sqlite") {
  const statusWriter = createStatusWriter(db);
  /** Apps with their whole status row by name, the reads that arrive together as one query (a push's comparisons). */
  const readWithStatus = createBatchedCalls<string, StoredApp & { status: StoredStatusRow | null }>(async (names) => {
    const found = new Map((await db.app.findMany({ where: { name: { in: [...new Set(names)] } }, include: { status: true } })).map((app) => [app.name, app]));
    return names.map((name) => {
      const app = found.get(name);
      return app ? { status: "fulfilled", value: app } : { status: "rejected", reason: new NotFoundError(`Application "${name}" does not exist.`) };
    });
  });
  /**
   * Stores a new app in its project; a taken name is a ConflictError, a project that does not
   * exist a ValidationError on `project`, and nothing is written.
   */
  async function createApp(spec: AppSpec, options: { appSet?: string } = {}): Promise<AppRecord> {
    try {
      const app = await db.app.create({ data: { ...columnsOf(spec), appSet: options.appSet ?? null, status: { create: {} } }, include: WITH_STATUS });
      return toRecord(app, app.status);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`An application named "${spec.name}" already exists.`);
      if (isForeignKeyViolation(error)) throw noSuchProject(spec.project, error);
      throw error;
    }
  }

  /** One app by name, or a NotFoundError. */
  async function getApp(name: string): Promise<AppRecord> {
    const app = await db.app.findUnique({ where: { name }, include: WITH_STATUS });
    if (!app) throw new NotFoundError(`Application "${name}" does not exist.`);
    return toRecord(app, app.status);
  }

  /** One app by name with the per-resource rows of its last refresh, in one read (a comparison's start), or a NotFoundError. */
  async function getAppWithResources<T>(name: string): Promise<{ app: AppRecord; resources: T[] }> {
    const app = await readWithStatus(name);
    return { app: toRecord(app, app.status), resources: app.status ? resourceRowsOf<T>(app.id, app.status.resources) : [] };
  }

  /** Every app (for the reconciler), without paging. */
  async function listAllApps(): Promise<AppRecord[]> {
    const apps = await db.app.findMany({ include: WITH_STATUS, orderBy: { name: "asc" } });
    return apps.map((a) => toRecord(a, a.status));
  }

  /** Apps whose repository URL is one of the given ones. */
  async function listAppsByRepo(repoUrls: string[]): Promise<AppRecord[]> {
    const apps = await db.app.findMany({ where: { repoUrl: { in: repoUrls } }, include: WITH_STATUS });
    return apps.map((a) => toRecord(a, a.status));
  }

  /** A page of the Applications list, filtered and searched in the database. */
  async function listApps(query: AppListQuery = {}): Promise<{ rows: AppListRow[]; total: number; page: number; pageSize: number }> {
    const page = Math.max(1, Math.floor(query.page ?? 1));
    const pageSize = Math.min(200, Math.max(1, Math.floor(query.pageSize ?? 50)));
    const search = query.search?.trim();
    const where = {
      ...(search
        ? { OR: [{ name: containsText(dialect, search) }, { repoUrl: containsText(dialect, search) }, { destNamespace: containsText(dialect, search) }] }
        : {}),
      ...(query.syncStatus ? { status: { is: { syncStatus: query.syncStatus } } } : {}),
      ...(query.project !== undefined || query.projects !== undefined ? { AND: projectFilters(query) } : {}),
    };
    const [total, apps] = await Promise.all([
      db.app.count({ where }),
      db.app.findMany({
        where,
        include: { ...WITH_STATUS, operations: { orderBy: { startedAt: "desc" }, take: 1, select: { phase: true, kind: true, startedAt: true, finishedAt: true } } },
        orderBy: { name: "asc" },
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
    ]);
    const rows = apps.map((app) => {
      const last = app.operations[0];
      return {
        ...toRecord(app, app.status),
        lastOperation: last ? { ...last, phase: last.phase as OperationPhase } : null,
      };
    });
    return { rows, total, page, pageSize };
  }

  /** Changes an app's spec, its project too; its name cannot change. A project that does not exist is a ValidationError on `project`. */
  async function updateApp(name: string, update: AppUpdate): Promise<AppRecord> {
    await getApp(name);
    const choseAutomation = update.automated !== undefined ? { autoSyncPaused: false } : {};
    try {
      const app = await db.app.update({ where: { name }, data: { ...columnsOf(update), ...choseAutomation }, include: WITH_STATUS });
      return toRecord(app, app.status);
    } catch (error) {
      if (isForeignKeyViolation(error)) throw noSuchProject(update.project, error);
      throw error;
    }
  }

  /**
   * Records that the app was rolled back to `sha` and turns automated sync off, as Argo CD does,
   * so the agent does not undo the rollback; remembers that automation was on, for resuming.
   */
  async function markRolledBack(appId: string, sha: string | null): Promise<void> {
    await db.$transaction(async (tx) => {
      const app = await tx.app.findUniqueOrThrow({ where: { id: appId }, select: { automated: true, autoSyncPaused: true } });
      await tx.app.update({
        where: { id: appId },
        data: { automated: false, autoSyncPaused: app.autoSyncPaused || app.automated, rolledBackTo: sha ?? "unknown", rolledBackAt: new Date() },
      });
    });
  }

  /**
   * Forgets a rollback once Git's version is live again. With `resumeAutomation`, automated sync
   * is turned back on if the rollback had paused it; without, a pause stays.
   */
  async function clearRollback(appId: string, options: { resumeAutomation: boolean }): Promise<void> {
    await db.$transaction(async (tx) => {
      const app = await tx.app.findUniqueOrThrow({ where: { id: appId }, select: { automated: true, autoSyncPaused: true } });
      const automation = options.resumeAutomation ? { automated: app.automated || app.autoSyncPaused, autoSyncPaused: false } : {};
      await tx.app.update({ where: { id: appId }, data: { rolledBackTo: null, rolledBackAt: null, ...automation } });
    });
  }

  /** Removes an app and its history. */
  async function deleteApp(name: string): Promise<void> {
    const { count } = await db.app.deleteMany({ where: { name } });
    if (count === 0) throw new NotFoundError(`Application "${name}" does not exist.`);
  }

  /** Stores the result of a refresh; writes that arrive together go out as one statement (`status-writes`). */
  async function saveStatus(appId: string, update: StatusUpdate): Promise<void> {
    await statusWriter.write({
      appId,
      syncStatus: update.syncStatus,
      healthStatus: update.healthStatus,
      revision: update.revision ?? null,
      revisionSubject: update.revisionSubject ?? null,
      revisionAuthor: update.revisionAuthor ?? null,
      revisionDate: update.revisionDate ?? null,
      conditions: JSON.stringify(update.conditions),
      resources: JSON.stringify(update.resources),
      reconciledAt: new Date(),
      ...(update.sourceType ? { sourceType: update.sourceType } : {}),
    });
  }

  /** The per-resource rows of the last refresh. */
  async function getStatusResources<T>(appId: string): Promise<T[]> {
    const status = await db.appStatus.findUnique({ where: { appId }, select: { resources: true } });
    return status ? resourceRowsOf<T>(appId, status.resources) : [];
  }

  /** The apps an app set generated, and any app (whoever made it) with one of `alsoNamed`, by name. */
  async function listAppsOfSet(appSet: string, alsoNamed: readonly string[] = []): Promise<AppRecord[]> {
    const where = alsoNamed.length > 0 ? { OR: [{ appSet }, { name: { in: [...alsoNamed] } }] } : { appSet };
    const apps = await db.app.findMany({ where, include: WITH_STATUS, orderBy: { name: "asc" } });
    return apps.map((a) => toRecord(a, a.status));
  }

  /** Lets go of an app set's apps: they stay, as hand-made apps (the set was deleted without deleting them). */
  async function releaseAppsOfSet(appSet: string): Promise<void> {
    await db.app.updateMany({ where: { appSet }, data: { appSet: null } });
  }

  return { createApp, listAppsOfSet, releaseAppsOfSet, getApp, getAppWithResources, listAllApps, listAppsByRepo, listApps, updateApp, markRolledBack, clearRollback, deleteApp, saveStatus, getStatusResources };
}

/** The apps store's methods. */
export type AppsStore = ReturnType<typeof createAppsStore>;
