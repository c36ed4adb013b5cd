import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * Unit tests sit beside pure code in lib/, tools/, app/ and components/ (components rendered
 * with react-dom/server); the handlers project calls every API route handler directly (no server, no cluster: a SQLite file in a temp dir); integration
 * and e2e tests live in test/ and need a cluster. `LOCKSTEP_TEST_DATABASE=postgresql` runs the
 * test engine's and the web servers' databases on a throwaway PostgreSQL (postgres-setup.ts).
 */
export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    /** Worker threads started by code under test (lib/source/render-threads) run TypeScript entries, read through tsx. */
    execArgv: ["--import", "tsx"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "tools/**/*.test.ts", "bench/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.{ts,tsx}"],
          globalSetup: ["test/helpers/postgres-setup.ts"],
          /** The engine's tests run whole syncs on a real database; two test files share the two cores. */
          testTimeout: 15_000,
        },
      },
      {
        extends: true,
        test: { name: "handlers", include: ["test/handlers/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/helpers/global-setup.ts", "test/helpers/postgres-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/helpers/global-setup.ts", "test/helpers/postgres-setup.ts"],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
