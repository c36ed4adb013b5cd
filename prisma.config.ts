import { defineConfig } from "prisma/config";

/**
 * Prisma CLI configuration. Only `prisma generate` is used: it runs offline (the schema is
 * parsed by Prisma's WebAssembly build). Migrations are plain SQL applied by lib/db/migrate.ts.
 */
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
