-- AlterTable: what the caller asked of a queued operation (selected resources), as JSON.
ALTER TABLE "Operation" ADD COLUMN "request" TEXT NOT NULL DEFAULT '{}';

-- CreateIndex: workers find queued operations by phase.
CREATE INDEX "Operation_phase_idx" ON "Operation"("phase");
