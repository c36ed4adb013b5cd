-- AlterTable: a project's rollback rules as JSON ({"allowCommit": true|false}): whether a
-- rollback may be made permanent by a commit to the config repository. Existing projects allow it.
ALTER TABLE "Project" ADD COLUMN "rollback" TEXT NOT NULL DEFAULT '{"allowCommit":true}';
