-- AlterTable: what delivery metrics (lib/insights) read from history. The committer date of the
-- revision an operation applied (lead time for changes) and the app's health as compared right
-- after the operation ended (change failure rate, time to restore); null for older operations.
ALTER TABLE "Operation" ADD COLUMN "revisionCommittedAt" DATETIME;
ALTER TABLE "Operation" ADD COLUMN "healthAfter" TEXT;
