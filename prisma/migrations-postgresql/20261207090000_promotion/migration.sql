-- CreateTable: a service's environment pipeline (lib/promotion); its stages as JSON.
CREATE TABLE "Pipeline" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "service" TEXT NOT NULL,
    "stages" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL
);

-- CreateTable: every promotion, pending, approved, committed or failed.
CREATE TABLE "Promotion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "service" TEXT NOT NULL,
    "fromStage" TEXT NOT NULL,
    "toStage" TEXT NOT NULL,
    "fromApp" TEXT NOT NULL,
    "toApp" TEXT NOT NULL,
    "file" TEXT NOT NULL,
    "images" TEXT NOT NULL DEFAULT '[]',
    "imagesKey" TEXT NOT NULL,
    "diff" TEXT NOT NULL DEFAULT '',
    "state" TEXT NOT NULL,
    "auto" BOOLEAN NOT NULL DEFAULT false,
    "requestedBy" TEXT NOT NULL,
    "approvedBy" TEXT,
    "commit" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "approvedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3)
);

-- CreateIndex
CREATE UNIQUE INDEX "Pipeline_service_key" ON "Pipeline"("service");

-- CreateIndex
CREATE INDEX "Promotion_service_createdAt_idx" ON "Promotion"("service", "createdAt");

-- CreateIndex
CREATE INDEX "Promotion_service_toStage_imagesKey_idx" ON "Promotion"("service", "toStage", "imagesKey");
