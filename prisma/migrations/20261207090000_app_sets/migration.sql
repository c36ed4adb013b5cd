-- CreateTable: app sets (lib/appsets). The spec and the last generation's status are JSON.
CREATE TABLE "AppSet" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "project" TEXT NOT NULL DEFAULT 'default',
    "spec" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- AlterTable: the app set that generated an app; null for an app made by hand.
ALTER TABLE "App" ADD COLUMN "appSet" TEXT;
CREATE INDEX "App_appSet_idx" ON "App"("appSet");
