/**
 * The rooms beside the GitOps loop — accounts, audit, credentials, registered clusters, the CD half, drift and Git
 * webhooks — as the facade answers for them, from the room objects one process builds
 * (see instance.ts). Only delegation: each room keeps its own logic and state.
 */
import type { Audit } from "@/lib/audit/audit";
import type { RequestStamp } from "@/lib/audit/request-context";
import type { Auth } from "@/lib/auth/auth";
import type { createImageRequestAuthorizer, ImageSetter } from "@/lib/cd";
import type { ClusterRegistry } from "@/lib/clusters/registry";
import type { CredentialStore } from "@/lib/credentials/store";
import type { DatabaseStores } from "@/lib/db/database";
import type { createDriftReader } from "@/lib/drift/report";
import { handleGitWebhook } from "@/lib/webhooks/handle";
import type { EngineRooms } from "./create-engine";

/** The room objects the facade's rooms delegate to. */
export interface RoomParts {
  /** The stores read directly: users, API tokens, app sources (webhook matching). */
  db: Pick<DatabaseStores, "users" | "apiTokens" | "appSources">;
  auth: Auth;
  audit: Audit;
  /** The stamp the request hook puts on arriving requests; the web layer reads it back. */
  stamp: Pick<RequestStamp, "readStamp">;
  credentials: CredentialStore;
  /** The registered destination clusters and their connection state. */
  clusters: Pick<ClusterRegistry, "list" | "get" | "create" | "update" | "delete">;
  /** Who may set an image, and the setter confined to registered repositories. */
  images: Pick<ReturnType<typeof createImageRequestAuthorizer>, "authorizeImageRequest"> & ImageSetter;
  drift: Pick<ReturnType<typeof createDriftReader>, "listDrift">;
  /** Reads the webhook secrets. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Builds the facade's rooms from `parts`, given the engine's request for refreshes (webhooks). */
export function roomsOf(parts: RoomParts): (engine: { requestRefresh(names: readonly string[]): void }) => EngineRooms {
  const { db, auth, audit, stamp, credentials, clusters, images, drift, env } = parts;
  return (engine) => ({
    auth: {
      authenticate: (headers) => auth.authenticate(headers),
      signInWithPassword: (attempt) => auth.signInWithPassword(attempt),
      signOut: (cookieValue) => auth.signOut(cookieValue),
      changePassword: (principal, change) => auth.changePassword(principal, change),
      listUsers: () => db.users.listUsers(),
      createUser: (input) => auth.createLocalUser(input),
      changeUser: (name, input) => auth.changeUser(name, input),
      removeUser: (name) => auth.removeUser(name),
      listTokens: () => db.apiTokens.listApiTokens(),
      issueToken: (input, createdBy) => auth.issueApiToken(input, createdBy),
      deleteToken: (id) => db.apiTokens.deleteApiToken(id),
      ensureInitialAdmin: (options) => auth.ensureInitialAdmin(options),
      isOidcConfigured: () => auth.isOidcConfigured(),
      beginOidcSignIn: (options) => auth.beginOidcSignIn(options),
      completeOidcSignIn: (options) => auth.completeOidcSignIn(options),
    },
    audit: {
      list: (query) => audit.listAuditEntries(query),
      openNote: (requestId, note) => audit.openAuditNote(requestId, note),
      refineNote: (requestId, change) => audit.refineAuditNote(requestId, change),
      readStamp: (headers) => stamp.readStamp(headers),
    },
    credentials: {
      list: () => credentials.listRepoCredentials(),
      get: (id) => credentials.getRepoCredential(id),
      create: (input) => credentials.createRepoCredential(input),
      update: (id, update) => credentials.updateRepoCredential(id, update),
      delete: (id) => credentials.deleteRepoCredential(id),
    },
    clusters: {
      list: () => clusters.list(),
      get: (name) => clusters.get(name),
      create: (input) => clusters.create(input),
      update: (name, update) => clusters.update(name, update),
      delete: (name) => clusters.delete(name),
    },
    images: {
      authorize: (authorization, target) => images.authorizeImageRequest(authorization, target),
      set: (request) => images.setImageForRequest(request),
    },
    drift: (query) => drift.listDrift(query),
    gitWebhook: (headers, body) =>
      handleGitWebhook(headers, body, {
        listApps: () => db.appSources.listAppSources(),
        requestRefresh: (names) => engine.requestRefresh(names),
        ...(env ? { env } : {}),
      }),
  });
}
