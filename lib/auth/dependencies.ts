import type { DatabaseStores } from "@/lib/db/database";

/** The environment variables a room reads, as `process.env` holds them. */
export type Env = Readonly<Record<string, string | undefined>>;

/** What the auth room's parts are built from. */
export interface AuthDependencies {
  /** The stores auth reads and writes (projects for project roles); a whole `Database` will do. */
  db: Pick<DatabaseStores, "users" | "sessions" | "apiTokens" | "projects">;
  /** Settings such as `LOCKSTEP_SESSION_HOURS`, `LOCKSTEP_ADMIN_PASSWORD`, `LOCKSTEP_OIDC_*`. @default process.env */
  env?: Env;
  /** The current time in milliseconds. @default Date.now */
  clock?: () => number;
}

/** {@link AuthDependencies} with the defaults filled in. */
export type ResolvedAuthDependencies = Required<AuthDependencies>;

/** Fills in the defaults of {@link AuthDependencies}, in one place. */
export function resolveAuthDependencies(deps: AuthDependencies): ResolvedAuthDependencies {
  return { db: deps.db, env: deps.env ?? process.env, clock: deps.clock ?? Date.now };
}
