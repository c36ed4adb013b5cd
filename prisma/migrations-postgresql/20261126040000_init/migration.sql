-- CreateTable
CREATE TABLE "App" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "repoUrl" TEXT NOT NULL,
    "targetRevision" TEXT NOT NULL DEFAULT 'HEAD',
    "path" TEXT NOT NULL DEFAULT '.',
    "destCluster" TEXT NOT NULL DEFAULT 'local',
    "destNamespace" TEXT NOT NULL,
    "automated" BOOLEAN NOT NULL DEFAULT false,
    "prune" BOOLEAN NOT NULL DEFAULT false,
    "selfHeal" BOOLEAN NOT NULL DEFAULT false,
    "createNamespace" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL
);

-- CreateTable
CREATE TABLE "AppStatus" (
    "appId" TEXT NOT NULL PRIMARY KEY,
    "syncStatus" TEXT NOT NULL DEFAULT 'Unknown',
    "healthStatus" TEXT NOT NULL DEFAULT 'Unknown',
    "revision" TEXT,
    "revisionSubject" TEXT,
    "revisionAuthor" TEXT,
    "revisionDate" TIMESTAMP(3),
    "conditions" TEXT NOT NULL DEFAULT '[]',
    "resources" TEXT NOT NULL DEFAULT '[]',
    "reconciledAt" TIMESTAMP(3),
    CONSTRAINT "AppStatus_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Operation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "message" TEXT,
    "revision" TEXT,
    "revisionSubject" TEXT,
    "revisionAuthor" TEXT,
    "initiator" TEXT NOT NULL,
    "dryRun" BOOLEAN NOT NULL DEFAULT false,
    "prune" BOOLEAN NOT NULL DEFAULT false,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "results" TEXT NOT NULL DEFAULT '[]',
    "manifests" BYTEA,
    CONSTRAINT "Operation_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OperationLock" (
    "appId" TEXT NOT NULL PRIMARY KEY,
    "operationId" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "acquiredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OperationLock_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "App_name_key" ON "App"("name");

-- CreateIndex
CREATE INDEX "App_repoUrl_idx" ON "App"("repoUrl");

-- CreateIndex
CREATE INDEX "AppStatus_syncStatus_idx" ON "AppStatus"("syncStatus");

-- CreateIndex
CREATE INDEX "Operation_appId_startedAt_idx" ON "Operation"("appId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "OperationLock_operationId_key" ON "OperationLock"("operationId");
