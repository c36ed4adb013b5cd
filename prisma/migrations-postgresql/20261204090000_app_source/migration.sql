-- AlterTable: how an app's path is rendered — the source type (Directory, Kustomize, Helm) and
-- its options, as a JSON object (lib/apps/source-spec.ts); null, as every existing row stays,
-- detects the type from the path's contents. The status remembers the type the last render used.
ALTER TABLE "App" ADD COLUMN "source" TEXT;
ALTER TABLE "AppStatus" ADD COLUMN "sourceType" TEXT;
