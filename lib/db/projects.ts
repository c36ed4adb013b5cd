/**
 * Projects, on one database: the tenancy boundary every app belongs to (lib/projects/schema.ts
 * says what a project is). List fields are JSON columns, read back through zod, so a corrupt
 * row names itself instead of flowing on. A project that still has apps cannot be deleted —
 * the foreign key from `App.project` restricts it too — and the built-in one never can.
 */
import { DEFAULT_PROJECT, type ProjectSpec, type ProjectUpdate } from "@/lib/projects/schema";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { Project as StoredProject } from "@/prisma/generated/client";
import type { Db } from "./client";
import {
  projectDestinationsSchema,
  projectGroupKindsSchema,
  projectRolesSchema,
  projectRollbackSchema,
  projectSourceReposSchema,
  projectSyncWindowsSchema,
  readJsonColumn,
} from "./json-columns";

/** A project as stored: its spec, and when it was made and changed (what rules and roles read). */
export interface ProjectDefinition extends ProjectSpec {
  createdAt: Date;
  updatedAt: Date;
}

/** A project as pages show it: its definition and how many apps it has. */
export interface ProjectRecord extends ProjectDefinition {
  /** Apps that belong to the project. */
  appCount: number;
}

type StoredWithCount = StoredProject & { _count: { apps: number } };

/**
 * Counts the project's apps. The count is a scan of every app, so only the reads that show it
 * ask for it; rules and roles, read for every comparison and every request, do not.
 */
const withAppCount = { _count: { select: { apps: true } } } as const;

function toRecord(row: StoredWithCount): ProjectRecord {
  return { ...toDefinition(row), appCount: row._count.apps };
}

function toDefinition(row: StoredProject): ProjectDefinition {
  const where = (column: string) => ({ table: "Project", column, rowId: row.name });
  return {
    name: row.name,
    description: row.description,
    sourceRepos: readJsonColumn(projectSourceReposSchema, row.sourceRepos, where("sourceRepos")),
    destinations: readJsonColumn(projectDestinationsSchema, row.destinations, where("destinations")),
    appNamespace: row.appNamespace,
    clusterResources: readJsonColumn(projectGroupKindsSchema, row.clusterResources, where("clusterResources")),
    namespacedResourcesDeny: readJsonColumn(projectGroupKindsSchema, row.namespacedResourcesDeny, where("namespacedResourcesDeny")),
    roles: readJsonColumn(projectRolesSchema, row.roles, where("roles")),
    syncWindows: readJsonColumn(projectSyncWindowsSchema, row.syncWindows, where("syncWindows")),
    rollback: readJsonColumn(projectRollbackSchema, row.rollback, where("rollback")),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The columns of a spec's fields that an update names: JSON text for lists, as they are otherwise. */
function columnsOf(update: ProjectUpdate) {
  const json = (value: unknown[] | undefined) => (value === undefined ? undefined : JSON.stringify(value));
  return {
    description: update.description,
    sourceRepos: json(update.sourceRepos),
    destinations: json(update.destinations),
    appNamespace: update.appNamespace,
    clusterResources: json(update.clusterResources),
    namespacedResourcesDeny: json(update.namespacedResourcesDeny),
    roles: json(update.roles),
    syncWindows: json(update.syncWindows),
    rollback: update.rollback === undefined ? undefined : JSON.stringify(update.rollback),
  };
}

function hasCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === code;
}

function notFound(name: string): NotFoundError {
  return new NotFoundError(`Project "${name}" does not exist.`);
}

function stillHasApps(name: string, count: number): ConflictError {
  const apps = count === 1 ? "1 app" : `${count} apps`;
  return new ConflictError(`Project "${name}" still has ${apps}; move them to another project or delete them first.`);
}

/** Projects, on one database. */
export function createProjectsStore(db: Db) {
  /** Every project, by name. */
  async function listProjects(): Promise<ProjectRecord[]> {
    const rows = await db.project.findMany({ include: withAppCount, orderBy: { name: "asc" } });
    return rows.map(toRecord);
  }

  /** One project by name, or a NotFoundError. */
  async function getProject(name: string): Promise<ProjectRecord> {
    const row = await db.project.findUnique({ where: { name }, include: withAppCount });
    if (!row) throw notFound(name);
    return toRecord(row);
  }

  /** Every project's definition, by name, without counting apps (roles, for each request). */
  async function listProjectDefinitions(): Promise<ProjectDefinition[]> {
    const rows = await db.project.findMany({ orderBy: { name: "asc" } });
    return rows.map(toDefinition);
  }

  /** One project's definition, without counting its apps (its rules), or a NotFoundError. */
  async function getProjectDefinition(name: string): Promise<ProjectDefinition> {
    const row = await db.project.findUnique({ where: { name } });
    if (!row) throw notFound(name);
    return toDefinition(row);
  }

  /** Stores a new project; a taken name is a ConflictError and nothing is written. */
  async function createProject(spec: ProjectSpec): Promise<ProjectRecord> {
    try {
      const row = await db.project.create({ data: { name: spec.name, ...columnsOf(spec) }, include: withAppCount });
      return toRecord(row);
    } catch (error) {
      if (hasCode(error, "P2002")) throw new ConflictError(`A project named "${spec.name}" already exists.`);
      throw error;
    }
  }

  /** Changes the fields an update names; the others, and the name, stay. A missing project is a NotFoundError. */
  async function updateProject(name: string, update: ProjectUpdate): Promise<ProjectRecord> {
    try {
      const row = await db.project.update({ where: { name }, data: columnsOf(update), include: withAppCount });
      return toRecord(row);
    } catch (error) {
      if (hasCode(error, "P2025")) throw notFound(name);
      throw error;
    }
  }

  /**
   * Deletes a project that has no apps. The built-in project, and one that still has apps, is a
   * ConflictError (naming how many); a missing one a NotFoundError.
   */
  async function deleteProject(name: string): Promise<void> {
    if (name === DEFAULT_PROJECT) throw new ConflictError(`The built-in project "${DEFAULT_PROJECT}" cannot be deleted.`);
    const apps = await db.app.count({ where: { project: name } });
    if (apps > 0) throw stillHasApps(name, apps);
    try {
      const { count } = await db.project.deleteMany({ where: { name } });
      if (count === 0) throw notFound(name);
    } catch (error) {
      if (hasCode(error, "P2003")) throw stillHasApps(name, await db.app.count({ where: { project: name } }));
      throw error;
    }
  }

  return { listProjects, getProject, listProjectDefinitions, getProjectDefinition, createProject, updateProject, deleteProject };
}

/** The projects store's methods. */
export type ProjectsStore = ReturnType<typeof createProjectsStore>;
