/**
 * Transitional: the one process-wide {@link CredentialStore} that module-level functions
 * (`listRepoCredentials`, `credentialsFor`…) and the credential lookup installed from
 * instrumentation still use, on the default database. Kept on `globalThis` (the only place in
 * lib/credentials allowed to) so every bundle of the server process shares its cache and
 * keys. It goes away when the engine's store is wired in.
 */
import { defaultStores } from "@/lib/db/default-database";
import { createCredentialStore, type CredentialStore } from "./store";

const globalForCredentials = globalThis as unknown as { lockstepCredentialStore?: CredentialStore };

/** The default credential store, built on first use. */
export function defaultCredentialStore(): CredentialStore {
  globalForCredentials.lockstepCredentialStore ??= createCredentialStore({ db: defaultStores() });
  return globalForCredentials.lockstepCredentialStore;
}

/** A module-level function that calls `method` of the default store (keeping its exact type). */
export function viaDefaultCredentials<M extends keyof CredentialStore>(method: M): CredentialStore[M] {
  const call = (...args: unknown[]): unknown => (defaultCredentialStore()[method] as (...a: unknown[]) => unknown)(...args);
  return call as CredentialStore[M];
}
