/**
 * Vitest global setup of every project that touches a database: with
 * `LOCKSTEP_TEST_DATABASE=postgresql` it starts one throwaway PostgreSQL server for the run
 * (test/helpers/postgres.ts), provides its admin URL (`inject("postgresAdminUrl")`, see
 * test-database.ts) and stops it at teardown; otherwise it provides an empty URL and the tests
 * use SQLite files.
 */
import type { TestProject } from "vitest/node";
import { startPostgres } from "./postgres";
import { testDatabaseDialect } from "./test-database";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = testDatabaseDialect() === "postgresql" ? await startPostgres() : undefined;
  project.provide("postgresAdminUrl", postgres?.adminUrl ?? "");
  return async () => {
    await postgres?.stop();
  };
}
