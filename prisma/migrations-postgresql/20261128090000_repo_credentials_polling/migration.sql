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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "RepoCredential_urlPrefix_key" ON "RepoCredential"("urlPrefix");
