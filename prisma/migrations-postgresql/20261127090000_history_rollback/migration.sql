-- AlterTable
ALTER TABLE "App" ADD COLUMN "historyLimit" INTEGER;
ALTER TABLE "App" ADD COLUMN "rolledBackTo" TEXT;
ALTER TABLE "App" ADD COLUMN "rolledBackAt" TIMESTAMP(3);
ALTER TABLE "App" ADD COLUMN "autoSyncPaused" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Operation" ADD COLUMN "log" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "Operation" ADD COLUMN "resourceCount" INTEGER;
ALTER TABLE "Operation" ADD COLUMN "terminatedBy" TEXT;
ALTER TABLE "Operation" ADD COLUMN "rollbackOf" TEXT;
