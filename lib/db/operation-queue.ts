/**
 * Operations as queued rows. A request writes a `Queued` operation and takes the app's lock in
 * one transaction (a second request for the app is a conflict at once, before any work); a
 * worker of any process claims it with a conditional update (`Queued` → `Running`), so two
 * workers sharing the database never run one operation twice.
 */
import { ConflictError, RefusedByPolicyError } from "@/lib/errors";
import type { OperationKind } from "@/lib/types";
import type { Db } from "./client";
import { RECORD_FIELDS, toRecord, type OperationRecord, type OperationRequest } from "./operations";

/** What a queued operation is, before anything is known of the revision it will apply. */
export interface QueuedOperation {
  appId: string;
  kind: OperationKind;
  /** The user name, the token (`token:<name>`) or `automated`. */
  initiator: string;
  dryRun: boolean;
  prune: boolean;
  rollbackOf?: string;
  request: OperationRequest;
  /** Refuse unless the app's automated sync is on, in the same transaction (auto-sync, self-heal). */
  requireAutomated?: boolean;
}

/** What a worker learns once it has compared and planned the operation. */
export interface OperationPlanFacts {
  revision?: string;
  revisionSubject?: string;
  revisionAuthor?: string;
  /** The committer date of the revision applied, for lead time (lib/insights). */
  revisionCommittedAt?: Date;
  resourceCount: number;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === "P2002";
}

/** The operation queue on one database: enqueue, claim, plan facts, cancel, and deleting an idle app. */
export function createOperationQueueStore(db: Db) {
  /**
   * Writes a `Queued` operation and takes the app's lock (holder empty until claimed).
   * @throws ConflictError when the app has an operation queued or running.
   * @throws RefusedByPolicyError for an automated operation while the app's automated sync is off.
   */
  async function enqueueOperation(queued: QueuedOperation, appName: string): Promise<OperationRecord> {
    const { requireAutomated, request, ...data } = queued;
    try {
      const op = await db.$transaction(async (tx) => {
        if (requireAutomated) {
          const app = await tx.app.findUnique({ where: { id: queued.appId }, select: { automated: true } });
          if (!app?.automated) throw new RefusedByPolicyError(`Automated sync is off for application "${appName}".`);
        }
        const created = await tx.operation.create({ data: { ...data, request: JSON.stringify(request), phase: "Queued" }, select: RECORD_FIELDS });
        await tx.operationLock.create({ data: { appId: queued.appId, operationId: created.id, holder: "" } });
        return created;
      });
      return toRecord(op);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`An operation is already in progress for application "${appName}".`, { cause: error });
      throw error;
    }
  }

  /** The oldest queued operations, at most `limit`, with their app names. */
  async function listQueuedOperations(limit: number): Promise<{ operation: OperationRecord; appName: string }[]> {
    const ops = await db.operation.findMany({
      where: { phase: "Queued" },
      orderBy: { startedAt: "asc" },
      take: limit,
      select: { ...RECORD_FIELDS, app: { select: { name: true } } },
    });
    return ops.map(({ app, ...op }) => ({ operation: toRecord(op), appName: app.name }));
  }

  /**
   * Claims a queued operation for `holder`: `Queued` → `Running` with a conditional update, and
   * the lock names the holder. Answers undefined when another worker claimed it first (or it was
   * terminated meanwhile).
   */
  async function claimOperation(id: string, holder: string, now: Date): Promise<OperationRecord | undefined> {
    return db.$transaction(async (tx) => {
      const { count } = await tx.operation.updateMany({ where: { id, phase: "Queued" }, data: { phase: "Running", startedAt: now } });
      if (count === 0) return undefined;
      await tx.operationLock.updateMany({ where: { operationId: id }, data: { holder, acquiredAt: now } });
      return toRecord(await tx.operation.findUniqueOrThrow({ where: { id }, select: RECORD_FIELDS }));
    });
  }

  /** Stores what planning found: the revision applied and how many resources will change. */
  async function recordPlanFacts(id: string, facts: OperationPlanFacts): Promise<void> {
    await db.operation.update({ where: { id }, data: facts });
  }

  /**
   * Ends a queued operation before it started (terminated): `Failed` with who asked, lock released.
   * Answers undefined when it is no longer queued (a worker claimed it).
   */
  async function cancelQueuedOperation(appId: string, id: string, who: string, now: Date): Promise<OperationRecord | undefined> {
    return db.$transaction(async (tx) => {
      const { count } = await tx.operation.updateMany({
        where: { id, appId, phase: "Queued" },
        data: { phase: "Failed", message: `terminated by ${who} before it started`, terminatedBy: who, finishedAt: now },
      });
      if (count === 0) return undefined;
      await tx.operationLock.deleteMany({ where: { operationId: id } });
      return toRecord(await tx.operation.findUniqueOrThrow({ where: { id }, select: RECORD_FIELDS }));
    });
  }


  /**
   * Deletes an app (its history goes with it) unless an operation is queued or running for it,
   * checked in the same transaction. @throws ConflictError while one is.
   */
  async function deleteAppUnlessBusy(appId: string, appName: string): Promise<void> {
    await db.$transaction(async (tx) => {
      if ((await tx.operationLock.count({ where: { appId } })) > 0) {
        throw new ConflictError(`Application "${appName}" has an operation in progress; terminate it first, or delete with terminateRunning.`);
      }
      await tx.app.delete({ where: { id: appId } });
    });
  }

  /**
   * Ends, as interrupted, the operations of these apps that a holder other than `holder` was
   * running (a replica that lost their shard): `Failed`, their locks released, in one
   * transaction each. Queued operations (no holder yet) are left to be claimed.
   * @returns the operations ended, with who held them.
   */
  async function interruptForeignOperations(appIds: readonly string[], holder: string, now: Date): Promise<{ operationId: string; holder: string }[]> {
    if (appIds.length === 0) return [];
    const locks = await db.operationLock.findMany({ where: { appId: { in: [...appIds] }, holder: { notIn: ["", holder] } } });
    const ended: { operationId: string; holder: string }[] = [];
    for (const lock of locks) {
      await db.$transaction(async (tx) => {
        await tx.operation.updateMany({
          where: { id: lock.operationId, phase: { in: ["Running", "Terminating"] } },
          data: { phase: "Failed", message: `interrupted: replica ${lock.holder} stopped holding the app's shard`, finishedAt: now },
        });
        await tx.operationLock.deleteMany({ where: { appId: lock.appId, operationId: lock.operationId } });
      });
      ended.push({ operationId: lock.operationId, holder: lock.holder });
    }
    return ended;
  }

  return { enqueueOperation, listQueuedOperations, claimOperation, recordPlanFacts, cancelQueuedOperation, deleteAppUnlessBusy, interruptForeignOperations };
}

/** The operation queue store's methods. */
export type OperationQueueStore = ReturnType<typeof createOperationQueueStore>;
