-- AlterTable
ALTER TABLE "App" ADD COLUMN "refreshSeconds" INTEGER;

-- CreateTable
CREATE TABLE "RepoCredential" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "urlPrefix" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "username" TEXT,
    "secret" TEXT NOT NULL,
    "knownHosts" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "RepoCredential_urlPrefix_key" ON "RepoCredential"("urlPrefix");
