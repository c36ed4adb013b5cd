/**
 * Transitional: the one process-wide {@link Auth} that module-level functions such as
 * `authenticate` and `signInWithPassword` still use, built on the default database. Kept on
 * `globalThis` (the only place in lib/auth allowed to) so the proxy, route handlers and server
 * actions — separate bundles of one server process — count failed sign-ins and keep pending
 * single sign-ons together. It goes away when the engine's Auth is wired in.
 */
import { defaultStores } from "@/lib/db/default-database";
import { createAuth, type Auth } from "./auth";

const globalForAuth = globalThis as unknown as { lockstepAuth?: Auth };

/** The default Auth, built on first use. */
export function defaultAuth(): Auth {
  globalForAuth.lockstepAuth ??= createAuth({ db: defaultStores() });
  return globalForAuth.lockstepAuth;
}

/** A module-level function that calls `method` of the default Auth (keeping its exact type). */
export function viaDefaultAuth<M extends keyof Auth>(method: M): Auth[M] {
  const call = (...args: unknown[]): unknown => (defaultAuth()[method] as (...a: unknown[]) => unknown)(...args);
  return call as Auth[M];
}
