/**
 * App set rows (lib/appsets): the spec and the last generation's status as JSON, each read
 * through its zod schema, so a row that does not match is a CorruptRowError, not untyped data.
 */
import { appSetSpecSchema, type AppSetSpec } from "@/lib/appsets/schema";
import { appSetStatusSchema, EMPTY_APP_SET_STATUS, type AppSetStatus } from "@/lib/appsets/status";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { Db } from "./client";
import { readJsonColumn } from "./json-columns";

/** An app set as stored. */
export interface AppSetRecord {
  name: string;
  project: string;
  spec: AppSetSpec;
  status: AppSetStatus;
  createdAt: Date;
  updatedAt: Date;
}

type Row = { name: string; project: string; spec: string; status: string; createdAt: Date; updatedAt: Date };

function toRecord(row: Row): AppSetRecord {
  return {
    name: row.name,
    project: row.project,
    spec: readJsonColumn(appSetSpecSchema, row.spec, { table: "AppSet", column: "spec", rowId: row.name }),
    status: readJsonColumn(appSetStatusSchema, row.status, { table: "AppSet", column: "status", rowId: row.name }),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const missing = (name: string) => new NotFoundError(`App set "${name}" does not exist.`);

/** App set rows on one database. */
export function createAppSetsStore(db: Db) {
  /** Every set, by name; only those of `projects` when given. */
  async function listAppSets(query: { projects?: readonly string[] } = {}): Promise<AppSetRecord[]> {
    const rows = await db.appSet.findMany({ where: query.projects ? { project: { in: [...query.projects] } } : {}, orderBy: { name: "asc" } });
    return rows.map(toRecord);
  }

  /** One set, or a NotFoundError. */
  async function getAppSet(name: string): Promise<AppSetRecord> {
    const row = await db.appSet.findUnique({ where: { name } });
    if (!row) throw missing(name);
    return toRecord(row);
  }

  /** Stores a new set; a taken name is a ConflictError. */
  async function createAppSet(spec: AppSetSpec): Promise<AppSetRecord> {
    try {
      return toRecord(await db.appSet.create({ data: { name: spec.name, project: spec.project, spec: JSON.stringify(spec), status: JSON.stringify(EMPTY_APP_SET_STATUS) } }));
    } catch (error) {
      if ((error as { code?: string }).code === "P2002") throw new ConflictError(`An app set named "${spec.name}" already exists.`, { cause: error });
      throw error;
    }
  }

  /** Replaces a set's spec (never its name). */
  async function updateAppSet(name: string, spec: AppSetSpec): Promise<AppSetRecord> {
    const { count } = await db.appSet.updateMany({ where: { name }, data: { project: spec.project, spec: JSON.stringify({ ...spec, name }) } });
    if (count === 0) throw missing(name);
    return getAppSet(name);
  }

  /** Stores the last generation's status. */
  async function saveAppSetStatus(name: string, status: AppSetStatus): Promise<void> {
    await db.appSet.updateMany({ where: { name }, data: { status: JSON.stringify(status) } });
  }

  /** Deletes a set's row (its apps are the caller's business). */
  async function deleteAppSet(name: string): Promise<void> {
    const { count } = await db.appSet.deleteMany({ where: { name } });
    if (count === 0) throw missing(name);
  }

  return { listAppSets, getAppSet, createAppSet, updateAppSet, saveAppSetStatus, deleteAppSet };
}

/** The appSets store's methods. */
export type AppSetsStore = ReturnType<typeof createAppSetsStore>;
