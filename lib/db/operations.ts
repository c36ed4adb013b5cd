import { hostname } from "node:os";
import { gunzipSync, gzipSync } from "node:zlib";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { KubeObject, OperationKind, OperationPhase, ResourceAction } from "@/lib/types";
import { getDb } from "./client";

/** What an operation did to one resource. */
export interface ResourceResult {
  subject: string;
  group: string;
  kind: string;
  namespace: string;
  name: string;
  action: ResourceAction;
  message?: string;
}

/** A history row. */
export interface OperationRecord {
  id: string;
  appId: string;
  kind: OperationKind;
  phase: OperationPhase;
  message: string | null;
  revision: string | null;
  revisionSubject: string | null;
  revisionAuthor: string | null;
  initiator: string;
  dryRun: boolean;
  prune: boolean;
  startedAt: Date;
  finishedAt: Date | null;
  results: ResourceResult[];
}

/** What is known when an operation starts. */
export interface OperationStart {
  appId: string;
  kind: OperationKind;
  initiator: string;
  dryRun: boolean;
  prune: boolean;
  revision?: string;
  revisionSubject?: string;
  revisionAuthor?: string;
}

/** This process, as the holder of operation locks. */
export const LOCK_HOLDER = `${hostname()}:${process.pid}`;

type StoredOperation = {
  id: string;
  appId: string;
  kind: string;
  phase: string;
  message: string | null;
  revision: string | null;
  revisionSubject: string | null;
  revisionAuthor: string | null;
  initiator: string;
  dryRun: boolean;
  prune: boolean;
  startedAt: Date;
  finishedAt: Date | null;
  results: string;
};

function toRecord(op: StoredOperation): OperationRecord {
  return {
    ...op,
    kind: op.kind as OperationKind,
    phase: op.phase as OperationPhase,
    results: JSON.parse(op.results) as ResourceResult[],
  };
}

const RECORD_FIELDS = {
  id: true, appId: true, kind: true, phase: true, message: true, revision: true, revisionSubject: true,
  revisionAuthor: true, initiator: true, dryRun: true, prune: true, startedAt: true, finishedAt: true, results: true,
} as const;

/**
 * Takes the app's operation lock and writes the `Running` history row in one transaction.
 * The lock is a row keyed by the app, so a second operation on the same app — from this or
 * any other process — fails with a ConflictError instead of running concurrently.
 */
export async function startOperation(start: OperationStart, appName: string): Promise<OperationRecord> {
  const db = await getDb();
  try {
    const op = await db.$transaction(async (tx) => {
      const created = await tx.operation.create({ data: { ...start, phase: "Running" }, select: RECORD_FIELDS });
      await tx.operationLock.create({ data: { appId: start.appId, operationId: created.id, holder: LOCK_HOLDER } });
      return created;
    });
    return toRecord(op);
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      throw new ConflictError(`An operation is already in progress for application "${appName}".`);
    }
    throw error;
  }
}

/** What an operation ended with. */
export interface OperationEnd {
  phase: OperationPhase;
  message?: string;
  results: ResourceResult[];
  /** The manifests that were applied, stored gzip-compressed for a later rollback. */
  manifests?: KubeObject[];
}

/** Completes the history row and releases the app's lock, together. */
export async function finishOperation(id: string, end: OperationEnd): Promise<OperationRecord> {
  const db = await getDb();
  const op = await db.$transaction(async (tx) => {
    const updated = await tx.operation.update({
      where: { id },
      data: {
        phase: end.phase,
        message: end.message ?? null,
        results: JSON.stringify(end.results),
        manifests: end.manifests ? new Uint8Array(gzipSync(JSON.stringify(end.manifests))) : null,
        finishedAt: new Date(),
      },
      select: RECORD_FIELDS,
    });
    await tx.operationLock.deleteMany({ where: { operationId: id } });
    return updated;
  });
  return toRecord(op);
}

/** The app's operations, newest first. */
export async function listOperations(appId: string, limit = 50): Promise<OperationRecord[]> {
  const db = await getDb();
  const ops = await db.operation.findMany({ where: { appId }, orderBy: { startedAt: "desc" }, take: limit, select: RECORD_FIELDS });
  return ops.map(toRecord);
}

/** One operation of an app, or a NotFoundError. */
export async function getOperation(appId: string, id: string): Promise<OperationRecord> {
  const db = await getDb();
  const op = await db.operation.findFirst({ where: { id, appId }, select: RECORD_FIELDS });
  if (!op) throw new NotFoundError(`Operation "${id}" does not exist for this application.`);
  return toRecord(op);
}

/** The manifests an operation applied, decompressed. */
export async function getOperationManifests(id: string): Promise<KubeObject[] | undefined> {
  const db = await getDb();
  const op = await db.operation.findUnique({ where: { id }, select: { manifests: true } });
  return op?.manifests ? (JSON.parse(gunzipSync(op.manifests).toString("utf8")) as KubeObject[]) : undefined;
}

/** Whether an operation currently holds the app's lock. */
export async function isOperationRunning(appId: string): Promise<boolean> {
  const db = await getDb();
  return (await db.operationLock.count({ where: { appId } })) > 0;
}

/**
 * Releases locks whose holder on this host is no longer alive (a crashed process), marking
 * their operations `Failed: interrupted`, so an app is never stuck "in progress".
 */
export async function releaseInterruptedOperations(): Promise<number> {
  const db = await getDb();
  const host = hostname();
  const locks = await db.operationLock.findMany();
  let released = 0;
  for (const lock of locks) {
    const [lockHost, pid] = lock.holder.split(":");
    if (lockHost !== host || isAlive(Number(pid))) continue;
    await db.$transaction([
      db.operation.updateMany({ where: { id: lock.operationId, phase: "Running" }, data: { phase: "Failed", message: "interrupted", finishedAt: new Date() } }),
      db.operationLock.delete({ where: { appId: lock.appId } }),
    ]);
    released += 1;
  }
  return released;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
