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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL
);

-- The built-in project (lib/projects/schema.ts, DEFAULT_PROJECT_SPEC): any repository,
-- namespaced kinds in each app's own destination namespace only.
INSERT INTO "Project" ("name", "description", "sourceRepos", "appNamespace", "updatedAt")
VALUES ('default', 'Every app that names no project: any repository, namespaced kinds in the app''s own destination namespace only.', '["*"]', true, CURRENT_TIMESTAMP);

-- AlterTable: App gains "project", a foreign key to Project (PostgreSQL adds it in place, where
-- SQLite rebuilds the table). Every existing app moves into the `default` project.
ALTER TABLE "App" ADD COLUMN "project" TEXT NOT NULL DEFAULT 'default';
ALTER TABLE "App" ADD CONSTRAINT "App_project_fkey" FOREIGN KEY ("project") REFERENCES "Project" ("name") ON DELETE RESTRICT ON UPDATE CASCADE;

-- CreateIndex: apps by project.
CREATE INDEX "App_project_idx" ON "App"("project");
