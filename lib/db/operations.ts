import { hostname } from "node:os";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { HOOK_PHASES, type HookPhase, type HealthStatus, type HookProgress, type KubeObject, type OperationKind, type OperationPhase, type ResourceAction } from "@/lib/types";
import type { Db } from "./client";
import { appendToOperationLog, type Dialect } from "./dialect";
import { decodeManifests, encodeManifests, type ManifestCipher } from "./manifest-cipher";
import { operationLogSchema, operationManifestsSchema, operationRequestSchema, operationResultsSchema, readJsonColumn } from "./json-columns";
import type { Operation as OperationRow } from "@/prisma/generated/client";

/** What an operation did to one resource. */
export interface ResourceResult {
  subject: string;
  group: string;
  kind: string;
  namespace: string;
  name: string;
  action: ResourceAction;
  message?: string;
  /** For a hook: the phase it ran in and where it stands. */
  hook?: HookProgress;
}

/** One line of an operation's log: a retry, a termination request, a note. */
export interface OperationLogEntry {
  /** ISO 8601 time. */
  at: string;
  message: string;
}

/** An Operation row as stored, without its (large) compressed manifests. */
type StoredOperation = Omit<OperationRow, "manifests">;

/** What a caller asked of an operation beyond its columns. */
export interface OperationRequest {
  /** Subjects to sync; all when empty or absent (selective sync). */
  resources?: string[];
}

/** A history row: the stored operation with its JSON columns decoded. */
export interface OperationRecord extends Omit<StoredOperation, "kind" | "phase" | "results" | "log" | "request" | "syncPhase"> {
  kind: OperationKind;
  phase: OperationPhase;
  /** The sync phase it reached, once it entered one. */
  syncPhase: HookPhase | null;
  results: ResourceResult[];
  log: OperationLogEntry[];
  request: OperationRequest;
}


export function toRecord(op: StoredOperation): OperationRecord {
  return {
    ...op,
    kind: op.kind as OperationKind,
    phase: op.phase as OperationPhase,
    syncPhase: (HOOK_PHASES as readonly string[]).includes(op.syncPhase ?? "") ? (op.syncPhase as HookPhase) : null,
    results: readJsonColumn(operationResultsSchema, op.results, { table: "Operation", column: "results", rowId: op.id }),
    log: readJsonColumn(operationLogSchema, op.log, { table: "Operation", column: "log", rowId: op.id }),
    request: readJsonColumn(operationRequestSchema, op.request, { table: "Operation", column: "request", rowId: op.id }),
  };
}

export const RECORD_FIELDS = {
  id: true, appId: true, kind: true, phase: true, message: true, revision: true, revisionSubject: true,
  revisionAuthor: true, initiator: true, dryRun: true, prune: true, startedAt: true, finishedAt: true, results: true,
  log: true, resourceCount: true, terminatedBy: true, rollbackOf: true, request: true, syncPhase: true,
  revisionCommittedAt: true, healthAfter: true,
} as const;

/** A finished operation's delivery facts as stored; lib/insights decodes them. */
export type DeliveryHistoryRow = Pick<StoredOperation, "id" | "appId" | "kind" | "phase" | "dryRun" | "request" | "revision" | "revisionCommittedAt" | "startedAt" | "finishedAt" | "healthAfter" | "message">;

/** Phases of an operation that still holds its app's lock. */
const ACTIVE_PHASES = ["Queued", "Running", "Terminating"];

/** What an operation ended with. */
export interface OperationEnd {
  phase: OperationPhase;
  message?: string;
  results: ResourceResult[];
  /** The manifests that were applied, stored compressed and encrypted for a later rollback. */
  manifests?: KubeObject[];
  /** The app's health as compared right after the operation, when it was compared. */
  healthAfter?: HealthStatus;
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

/** What the operations store needs besides the database. */
export interface OperationsStoreOptions {
  /**
   * Encrypts the stored manifests (rendered Secrets are among them). Without one — tools and
   * tests that never store a Secret — manifests are stored gzip-only.
   */
  manifestCipher?: ManifestCipher;
  /** The client's dialect, for the log's one-statement append. @default "sqlite" */
  dialect?: Dialect;
}

/** Operations (the history rows) and the per-app operation lock, on one database. */
export function createOperationsStore(db: Db, { manifestCipher, dialect = "sqlite" }: OperationsStoreOptions = {}) {
  /** Completes the history row and releases the app's lock, together. */
  async function finishOperation(id: string, end: OperationEnd): Promise<OperationRecord> {
    const manifests = end.manifests ? await encodeManifests(JSON.stringify(end.manifests), manifestCipher) : null;
    const op = await db.$transaction(async (tx) => {
      const updated = await tx.operation.update({
        where: { id },
        data: {
          phase: end.phase,
          message: end.message ?? null,
          results: JSON.stringify(end.results),
          manifests,
          ...(end.healthAfter ? { healthAfter: end.healthAfter } : {}),
          finishedAt: new Date(),
        },
        select: RECORD_FIELDS,
      });
      await tx.operationLock.deleteMany({ where: { operationId: id } });
      return updated;
    });
    return toRecord(op);
  }

  /**
   * Stores the results so far of a running operation (so the page can show its progress) and
   * answers whether someone asked to terminate it — one query between two resources.
   */
  async function recordProgress(id: string, results: ResourceResult[], syncPhase?: HookPhase): Promise<{ terminatedBy: string | null }> {
    return db.operation.update({ where: { id }, data: { results: JSON.stringify(results), ...(syncPhase ? { syncPhase } : {}) }, select: { terminatedBy: true } });
  }

  /** Appends one line to an operation's log, atomically, whoever else writes to it. */
  async function appendOperationLog(id: string, message: string): Promise<void> {
    const entry = JSON.stringify({ at: new Date().toISOString(), message } satisfies OperationLogEntry);
    await appendToOperationLog(db, dialect, id, entry);
  }

  /**
   * Asks a running operation to stop: marks it `Terminating` with who asked. The flag lives in
   * the database, so the process running the operation sees it whichever process took the
   * request; it stops before its next resource. A finished operation is a ConflictError.
   */
  async function requestTermination(appId: string, id: string, who: string): Promise<OperationRecord> {
    const { count } = await db.operation.updateMany({
      where: { id, appId, phase: { in: ACTIVE_PHASES } },
      data: { phase: "Terminating", terminatedBy: who },
    });
    if (count === 0) {
      const op = await getOperation(appId, id);
      throw new ConflictError(`Operation "${op.id}" is not running; it ended ${op.phase}.`);
    }
    await appendOperationLog(id, `Termination requested by ${who}.`);
    return getOperation(appId, id);
  }

  /**
   * Deletes the app's oldest finished operations beyond the newest `keep`, so history stays
   * bounded; a running operation is never deleted. Returns how many were deleted.
   */
  async function pruneHistory(appId: string, keep: number): Promise<number> {
    const kept = await db.operation.findMany({ where: { appId }, orderBy: { startedAt: "desc" }, take: Math.max(1, keep), select: { id: true } });
    const { count } = await db.operation.deleteMany({
      where: { appId, id: { notIn: kept.map((k) => k.id) }, phase: { notIn: ACTIVE_PHASES } },
    });
    return count;
  }

  /** The operation holding the app's lock, if one does. */
  async function getRunningOperation(appId: string): Promise<OperationRecord | undefined> {
    const lock = await db.operationLock.findUnique({ where: { appId }, select: { operationId: true } });
    if (!lock) return undefined;
    const op = await db.operation.findUnique({ where: { id: lock.operationId }, select: RECORD_FIELDS });
    return op ? toRecord(op) : undefined;
  }

  /** The app's operations, newest first. */
  async function listOperations(appId: string, limit = 500): Promise<OperationRecord[]> {
    const ops = await db.operation.findMany({ where: { appId }, orderBy: { startedAt: "desc" }, take: limit, select: RECORD_FIELDS });
    return ops.map(toRecord);
  }

  /**
   * The finished operations of the given apps (every app when absent), with only the columns
   * delivery metrics read (lib/insights): no results, logs or manifests.
   */
  async function listDeliveryHistory(appIds?: readonly string[]): Promise<DeliveryHistoryRow[]> {
    return db.operation.findMany({
      where: { finishedAt: { not: null }, ...(appIds ? { appId: { in: [...appIds] } } : {}) },
      orderBy: { startedAt: "asc" },
      select: { id: true, appId: true, kind: true, phase: true, dryRun: true, request: true, revision: true, revisionCommittedAt: true, startedAt: true, finishedAt: true, healthAfter: true, message: true },
    });
  }

  /** One operation of an app, or a NotFoundError. */
  async function getOperation(appId: string, id: string): Promise<OperationRecord> {
    const op = await db.operation.findFirst({ where: { id, appId }, select: RECORD_FIELDS });
    if (!op) throw new NotFoundError(`Operation "${id}" does not exist for this application.`);
    return toRecord(op);
  }

  /** Ids of the app's operations that stored manifests (the ones a rollback or a comparison can use). */
  async function operationIdsWithManifests(appId: string): Promise<Set<string>> {
    const ops = await db.operation.findMany({ where: { appId, manifests: { not: null } }, select: { id: true } });
    return new Set(ops.map((op) => op.id));
  }

  /** The manifests an operation applied, decrypted and decompressed. */
  async function getOperationManifests(id: string): Promise<KubeObject[] | undefined> {
    const op = await db.operation.findUnique({ where: { id }, select: { manifests: true } });
    if (!op?.manifests) return undefined;
    return readJsonColumn(operationManifestsSchema, await decodeManifests(op.manifests, manifestCipher), { table: "Operation", column: "manifests", rowId: id }) as KubeObject[];
  }

  /** Whether an operation currently holds the app's lock. */
  async function isOperationRunning(appId: string): Promise<boolean> {
    return (await db.operationLock.count({ where: { appId } })) > 0;
  }

  /**
   * Releases locks whose holder on this host is no longer alive (a crashed process), marking
   * their operations `Failed: interrupted`, so an app is never stuck "in progress".
   */
  async function releaseInterruptedOperations(): Promise<number> {
    const host = hostname();
    const locks = await db.operationLock.findMany();
    let released = 0;
    for (const lock of locks) {
      const [lockHost, pid] = lock.holder.split(":");
      if (lockHost !== host || isAlive(Number(pid))) continue;
      await db.$transaction([
        db.operation.updateMany({
          where: { id: lock.operationId, phase: { in: ACTIVE_PHASES } },
          data: { phase: "Failed", message: "interrupted", finishedAt: new Date() },
        }),
        db.operationLock.delete({ where: { appId: lock.appId } }),
      ]);
      await appendOperationLog(lock.operationId, `Interrupted: the process ${lock.holder} that ran it is gone; its lock was released.`);
      released += 1;
    }
    return released;
  }

  return { finishOperation, recordProgress, appendOperationLog, requestTermination, pruneHistory, getRunningOperation, listOperations, listDeliveryHistory, getOperation, operationIdsWithManifests, getOperationManifests, isOperationRunning, releaseInterruptedOperations };
}

/** The operations store's methods. */
export type OperationsStore = ReturnType<typeof createOperationsStore>;
