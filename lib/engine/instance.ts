/**
 * The one engine of this server process, for the web layer. Next.js loads lib/ once per bundle
 * (route handlers, pages, proxy, instrumentation), so the engine is kept on `globalThis` — the
 * only process-global in lib/ — and every bundle reaches the same one through {@link getEngine}.
 */
import { refineAuditNote, openAuditNote } from "@/lib/audit/notes";
import { changeUser, createLocalUser, removeUser } from "@/lib/auth/accounts";
import { issueApiToken } from "@/lib/auth/api-tokens";
import { authenticate } from "@/lib/auth/authenticate";
import { isOidcConfigured } from "@/lib/auth/oidc/config";
import { beginOidcSignIn, completeOidcSignIn } from "@/lib/auth/oidc/flow";
import { describePrincipal } from "@/lib/auth/principal";
import { changePassword, signInWithPassword, signOut } from "@/lib/auth/sign-in";
import { authorizeImageRequest, setImage, toSetImageOptions } from "@/lib/cd";
import { createRepoCredential, deleteRepoCredential, getRepoCredential, listRepoCredentials, updateRepoCredential } from "@/lib/credentials";
import { deleteApiToken, listApiTokens } from "@/lib/db/api-tokens";
import { listAppSources } from "@/lib/db/app-sources";
import { getApp, getStatusResources, listApps } from "@/lib/db/apps";
import { listAuditEntries } from "@/lib/db/audit";
import { getOperation, getRunningOperation, listOperations, operationIdsWithManifests } from "@/lib/db/operations";
import { listUsers } from "@/lib/db/users";
import { listDrift } from "@/lib/drift";
import { eventStream } from "@/lib/events/sse";
import { getClusterInfo } from "@/lib/kube/cluster-info";
import { handleGitWebhook } from "@/lib/webhooks";
import type { EngineFacade } from "./facade";
import {
  compareHistory,
  createApplication,
  deleteApplication,
  getAppComparison,
  getResourceDetail,
  getResourceTree,
  getSelfHealStatus,
  listAppEvents,
  previewRollback,
  refreshApp,
  resumeAutoSync,
  rollbackApplication,
  syncApp,
  terminateOperation,
  updateApplication,
} from "./index";
import { allAppNames, refreshApps, requestRefresh } from "./reconciler";
import type { ResourceStatusRow } from "./status-rows";

function buildFacade(): EngineFacade {
  return {
    apps: {
      list: (query) => listApps(query),
      get: (name) => getApp(name),
      statusResources: async (name) => getStatusResources<ResourceStatusRow>((await getApp(name)).id),
      sources: () => listAppSources(),
      create: (spec) => createApplication(spec),
      update: (name, update) => updateApplication(name, update),
      delete: (name, request) => deleteApplication(name, { cascade: request.cascade }),
      comparison: (name, maxAgeMs) => getAppComparison(name, maxAgeMs),
      tree: (name) => getResourceTree(name),
      resourceDetail: (name, id) => getResourceDetail(name, id),
      events: (name) => listAppEvents(name),
      selfHealStatus: (name) => getSelfHealStatus(name),
      refresh: (name, options) => refreshApp(name, options),
      refreshMany: async (names, options) => refreshApps(names ?? (await allAppNames()), options),
      requestRefresh: (names) => requestRefresh(names),
    },
    operations: {
      requestSync: (name, request, caller) => syncApp(name, { ...request, initiator: describePrincipal(caller) }),
      requestRollback: (name, request, caller) => rollbackApplication(name, { ...request, initiator: describePrincipal(caller) }),
      previewRollback: (name, request) => previewRollback(name, request),
      terminate: (name, id, caller) => terminateOperation(name, id, describePrincipal(caller)),
      resumeAutoSync: (name, caller) => resumeAutoSync(name, describePrincipal(caller)),
      waitFor: async (name, id) => getOperation((await getApp(name)).id, id),
      list: async (name, limit) => listOperations((await getApp(name)).id, limit),
      get: async (name, id) => getOperation((await getApp(name)).id, id),
      current: async (name) => getRunningOperation((await getApp(name)).id),
      idsWithManifests: async (name) => operationIdsWithManifests((await getApp(name)).id),
      compareHistory: (name, fromId, toId) => compareHistory(name, fromId, toId),
    },
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
      set: (request) => setImage(toSetImageOptions(request)),
    },
    drift: (query) => listDrift(query),
    gitWebhook: (headers, body) => handleGitWebhook(headers, body, { listApps: listAppSources, requestRefresh }),
    eventStream: (options) => eventStream(options),
    clusterInfo: (cluster) => getClusterInfo(cluster),
  };
}

const holder = globalThis as unknown as { lockstepEngine?: EngineFacade };

/** The process's engine, built on first use and shared by every bundle of the server. */
export function getEngine(): EngineFacade {
  holder.lockstepEngine ??= buildFacade();
  return holder.lockstepEngine;
}
