-- AlterTable: the sync phase a running operation is in (PreSync, Sync, PostSync, SyncFail),
-- shown live beside each hook's state; null before its first phase and for older operations.
ALTER TABLE "Operation" ADD COLUMN "syncPhase" TEXT;
