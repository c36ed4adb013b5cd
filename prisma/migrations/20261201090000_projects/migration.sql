-- CreateTable: projects, the tenancy boundary every app lives in. List fields are JSON arrays.
CREATE TABLE "Project" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "description" TEXT NOT NULL DEFAULT '',
    "sourceRepos" TEXT NOT NULL DEFAULT '[]',
    "destinations" TEXT NOT NULL DEFAULT '[]',
    "appNamespace" BOOLEAN NOT NULL DEFAULT false,
    "clusterResources" TEXT NOT NULL DEFAULT '[]',
    "namespacedResourcesDeny" TEXT NOT NULL DEFAULT '[]',
    "roles" TEXT NOT NULL DEFAULT '[]',
    "syncWindows" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- The built-in project (lib/projects/schema.ts, DEFAULT_PROJECT_SPEC): any repository,
-- namespaced kinds in each app's own destination namespace only.
INSERT INTO "Project" ("name", "description", "sourceRepos", "appNamespace", "updatedAt")
VALUES ('default', 'Every app that names no project: any repository, namespaced kinds in the app''s own destination namespace only.', '["*"]', true, CURRENT_TIMESTAMP);

-- RedefineTable: App gains "project", a foreign key to Project, which SQLite can only add by
-- rebuilding the table. lib/db/migrate.ts turns foreign keys off while a migration runs, so
-- dropping the old table does not cascade to AppStatus, Operation and OperationLock, and checks
-- them all before committing. Every existing app moves into the `default` project.
CREATE TABLE "new_App" (
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
    "historyLimit" INTEGER,
    "rolledBackTo" TEXT,
    "rolledBackAt" DATETIME,
    "autoSyncPaused" BOOLEAN NOT NULL DEFAULT false,
    "refreshSeconds" INTEGER,
    "project" TEXT NOT NULL DEFAULT 'default',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "App_project_fkey" FOREIGN KEY ("project") REFERENCES "Project" ("name") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_App" ("id", "name", "repoUrl", "targetRevision", "path", "destCluster", "destNamespace", "automated", "prune", "selfHeal", "createNamespace", "historyLimit", "rolledBackTo", "rolledBackAt", "autoSyncPaused", "refreshSeconds", "project", "createdAt", "updatedAt")
SELECT "id", "name", "repoUrl", "targetRevision", "path", "destCluster", "destNamespace", "automated", "prune", "selfHeal", "createNamespace", "historyLimit", "rolledBackTo", "rolledBackAt", "autoSyncPaused", "refreshSeconds", 'default', "createdAt", "updatedAt" FROM "App";
DROP TABLE "App";
ALTER TABLE "new_App" RENAME TO "App";

-- CreateIndex: the rebuilt table's indexes, and apps by project.
CREATE UNIQUE INDEX "App_name_key" ON "App"("name");
CREATE INDEX "App_repoUrl_idx" ON "App"("repoUrl");
CREATE INDEX "App_project_idx" ON "App"("project");
