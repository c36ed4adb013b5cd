/**
 * The engine's dependencies from the rooms as they are built today (module functions over the
 * process's database and Git mirrors), for the one engine of the server process.
 */
import { changeUser, createLocalUser, removeUser } from "@/lib/auth/accounts";
import { issueApiToken } from "@/lib/auth/api-tokens";
import { authenticate } from "@/lib/auth/authenticate";
import { isOidcConfigured } from "@/lib/auth/oidc/config";
import { beginOidcSignIn, completeOidcSignIn } from "@/lib/auth/oidc/flow";
import { changePassword, signInWithPassword, signOut } from "@/lib/auth/sign-in";
import { openAuditNote, refineAuditNote } from "@/lib/audit/notes";
import { authorizeImageRequest, setImage, toSetImageOptions } from "@/lib/cd";
import { createRepoCredential, credentialsFor, deleteRepoCredential, getRepoCredential, listRepoCredentials, updateRepoCredential } from "@/lib/credentials";
import { deleteApiToken, listApiTokens } from "@/lib/db/api-tokens";
import { listAppSources } from "@/lib/db/app-sources";
import { listAuditEntries } from "@/lib/db/audit";
import { defaultStores } from "@/lib/db/default-database";
import { listUsers } from "@/lib/db/users";
import { listDrift } from "@/lib/drift";
import { handleGitWebhook } from "@/lib/webhooks";
import type { EngineDatabase } from "./context";
import type { EngineRooms } from "./create-engine";

/** The process's database, as the engine sees it. */
export function processDatabase(): EngineDatabase {
  return defaultStores();
}

/** The rooms beside the loop: accounts, audit, credentials, the CD half, drift, webhooks. */
export function processRooms(engine: { requestRefresh(names: readonly string[]): void }): EngineRooms {
  return {
    auth: {
      authenticate: (headers) => authenticate(headers),
      signInWithPassword: (attempt) => signInWithPassword(attempt),
      signOut: (cookieValue) => signOut(cookieValue),
      changePassword: (principal, change) => changePassword(principal, change),
      listUsers: () => listUsers(),
      createUser: (input) => createLocalUser(input),
      changeUser: (name, input) => changeUser(name, input),
      removeUser: (name) => removeUser(name),
      listTokens: () => listApiTokens(),
      issueToken: (input, createdBy) => issueApiToken(input, createdBy),
      deleteToken: (id) => deleteApiToken(id),
      isOidcConfigured: () => isOidcConfigured(),
      beginOidcSignIn: (options) => beginOidcSignIn(options),
      completeOidcSignIn: (options) => completeOidcSignIn(options),
    },
    audit: {
      list: (query) => listAuditEntries(query),
      openNote: (requestId, note) => openAuditNote(requestId, note),
      refineNote: (requestId, change) => refineAuditNote(requestId, change),
    },
    credentials: {
      list: () => listRepoCredentials(),
      get: (id) => getRepoCredential(id),
      create: (input) => createRepoCredential(input),
      update: (id, update) => updateRepoCredential(id, update),
      delete: (id) => deleteRepoCredential(id),
    },
    images: {
      authorize: (authorization, target) => authorizeImageRequest(authorization, target),
      set: (request) => setImage({ ...toSetImageOptions(request), credentials: credentialsFor }),
    },
    drift: (query) => listDrift(query),
    gitWebhook: (headers, body) => handleGitWebhook(headers, body, { listApps: listAppSources, requestRefresh: (names) => engine.requestRefresh(names) }),
  };
}
