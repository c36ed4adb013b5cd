-- AlterTable: what authorization per project needs. A user keeps the OIDC groups of their last
-- single sign-on (project roles bind groups); users and API tokens may be limited to projects
-- (a JSON array of project names; null for no limit, as every existing row stays).
ALTER TABLE "User" ADD COLUMN "groups" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "User" ADD COLUMN "projects" TEXT;
ALTER TABLE "ApiToken" ADD COLUMN "projects" TEXT;
