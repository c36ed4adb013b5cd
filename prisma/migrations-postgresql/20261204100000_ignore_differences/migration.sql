-- AlterTable: an app's ignoreDifferences rules (lib/apps/spec.ts), a JSON array of
-- {group, kind, name, namespace, jsonPointers, jqPathExpressions, managedFieldsManagers};
-- existing apps ignore nothing beyond the built-in defaults.
ALTER TABLE "App" ADD COLUMN "ignoreDifferences" TEXT NOT NULL DEFAULT '[]';
