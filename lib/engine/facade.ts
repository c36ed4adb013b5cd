/**
 * What the web layer may ask of the engine: everything `app/`, `components/` and `proxy.ts`
 * call goes through one {@link EngineFacade}, reached with `getEngine()` (lib/engine/current).
 * Nothing in `app/` imports lib/db, the caches or Git directly.
 */
import type { ShardStatus } from "@/lib/shards";
import type { RolloutState } from "@/lib/appsets/progressive";
import type { AppSetSpec } from "@/lib/appsets/schema";
import type { AppSetRecord } from "@/lib/db/app-sets";
import type { AppSetPreview } from "./app-sets";
import type { AppSpec, AppUpdate } from "@/lib/apps/spec";
import type { AuditNote } from "@/lib/audit/notes";
import type { HeaderReader } from "@/lib/audit/request-context";
import type { UserWithPassword } from "@/lib/auth/accounts";
import type { IssuedToken } from "@/lib/auth/api-tokens";
import type { InitialAdminOptions } from "@/lib/auth/bootstrap";
import type { HeaderSource } from "@/lib/auth/cookies";
import type { Principal } from "@/lib/auth/principal";
import type { newTokenSchema, newUserSchema, userUpdateSchema } from "@/lib/auth/schemas";
import type { NewSession, PasswordChange, PasswordSignIn } from "@/lib/auth/sign-in";
import type { CiTokenVerdict } from "@/lib/cd/ci-token";
import type { SetImageRequest } from "@/lib/cd/image-request";
import type { SetImageResult } from "@/lib/cd/set-image";
import type { ClusterCreate, ClusterUpdate } from "@/lib/clusters/schema";
import type { ClusterView } from "@/lib/clusters/registry";
import type { RepoCredentialCreate, RepoCredentialUpdate } from "@/lib/credentials/schema";
import type { RepoCredentialView } from "@/lib/credentials/store";
import type { ApiTokenRecord } from "@/lib/db/api-tokens";
import type { AppSourceRecord } from "@/lib/db/app-sources";
import type { AppListQuery, AppListRow, AppRecord } from "@/lib/db/apps";
import type { AuditEntryRecord, AuditQuery } from "@/lib/db/audit";
import type { OperationRecord } from "@/lib/db/operations";
import type { PipelineRecord, PromotionRecord } from "@/lib/db/pipelines";
import type { ProjectRecord } from "@/lib/db/projects";
import type { UserRecord } from "@/lib/db/users";
import type { DriftQuery, DriftReport } from "@/lib/drift/report";
import type { InsightsQuery } from "@/lib/insights/query";
import type { InsightsReport } from "@/lib/insights/report";
import type { EventStreamOptions } from "@/lib/events/sse";
import type { Notifications } from "@/lib/notifications/room";
import type { ClusterInfo } from "@/lib/kube/cluster-info";
import type { MetricsScrape } from "@/lib/metrics";
import type { SyncWindowVerdict } from "@/lib/projects";
import type { PipelineBody, PipelineSpec, PromotionPreview } from "@/lib/promotion";
import type { PipelineView } from "@/lib/promotion/status";
import type { ProjectSpec, ProjectUpdate } from "@/lib/projects/schema";
import type { WebhookAnswer } from "@/lib/webhooks/handle";
import type { z } from "zod";
import type { SelfHealStatus } from "./automation";
import type { AppComparison, ShownComparison } from "./compare-app";
import type { HistoryComparison } from "./history";
import type { RefreshOptions } from "./comparisons";
import type { RefreshedApp } from "./reconciler";
import type { KubeEventView, ResourceDetail, TreeNode } from "./resource-tree";
import type { RollbackPreview } from "./rollback";
import type { RollbackCommitPreview, RollbackCommitResult } from "./rollback-commit";
import type { ResourceStatusRow } from "./status-rows";

/** Notification channels, subscriptions and deliveries, as the API and the Notifications page manage them. */
export type NotificationsFacade = Pick<Notifications, "channels" | "subscriptions" | "deliveries">;

/** What a caller asks of a sync. */
export interface SyncRequest {
  /** Show what would change without changing anything. @default false */
  dryRun?: boolean;
  /** Delete the app's objects that left Git. @default the app's prune policy */
  prune?: boolean;
  /** Subjects (`Deployment/ns/name`) to sync; all when empty or absent. */
  resources?: string[];
  /** Sync although a sync window of the app's project is closed (admins only; recorded). */
  syncAnyway?: boolean;
}

/** What a caller asks of a rollback. */
export interface RollbackRequest {
  /** The history entry to roll back to. */
  operationId: string;
  /** Delete the app's objects that are not in that entry's manifests. @default the app's prune policy */
  prune?: boolean;
  /** Roll back although a sync window of the app's project is closed (admins only; recorded). */
  syncAnyway?: boolean;
}

/** Options of deleting an app. */
export interface DeleteRequest {
  /** Delete the app's live objects from the cluster first. */
  cascade: boolean;
  /** Terminate a running operation first instead of refusing with a conflict. @default false */
  terminateRunning?: boolean;
}

/** Applications: their specs, status and read models. No read starts an operation. */
export interface AppsFacade {
  list(query: AppListQuery): Promise<{ rows: AppListRow[]; total: number; page: number; pageSize: number }>;
  /** @throws NotFoundError */
  get(name: string): Promise<AppRecord>;
  /** The per-resource rows of the app's stored status. */
  statusResources(name: string): Promise<ResourceStatusRow[]>;
  /** Every app's repository, revision and refresh interval (webhook matching, refresh all). */
  sources(): Promise<AppSourceRecord[]>;
  create(spec: AppSpec, caller: Principal): Promise<AppRecord>;
  update(name: string, update: AppUpdate, caller: Principal): Promise<AppRecord>;
  /** @throws ConflictError while an operation runs, unless `terminateRunning`. */
  delete(name: string, request: DeleteRequest, caller: Principal): Promise<{ deletedResources: number }>;
  /** The latest comparison; compared afresh (without automation) when none is remembered or it is older than `maxAgeMs`. */
  comparison(name: string, maxAgeMs?: number): Promise<ShownComparison>;
  tree(name: string): Promise<TreeNode[]>;
  resourceDetail(name: string, id: string): Promise<ResourceDetail | undefined>;
  events(name: string): Promise<KubeEventView[]>;
  selfHealStatus(name: string): SelfHealStatus | undefined;
  /** Whether the app's project lets it sync now (automated syncs), and when that changes. */
  syncWindow(name: string): Promise<SyncWindowVerdict>;
  /** Compares the app with Git and the cluster now and stores the result. */
  refresh(name: string, options?: Pick<RefreshOptions, "hard">): Promise<AppComparison>;
  /** Refreshes many apps (all when `names` is undefined) as one cycle. */
  refreshMany(names: readonly string[] | undefined, options?: { hard?: boolean }): Promise<RefreshedApp[]>;
  /** Queues a refresh of these apps and returns at once. */
  requestRefresh(names: readonly string[]): void;
}

/** Operations: queued, run by the engine's worker, recorded with their caller. */
export interface OperationsFacade {
  /** Validates and queues a sync; answers the queued operation. @throws ConflictError when one is queued or running. */
  requestSync(name: string, request: SyncRequest, caller: Principal): Promise<OperationRecord>;
  /** Validates and queues a rollback to an earlier successful entry. */
  requestRollback(name: string, request: RollbackRequest, caller: Principal): Promise<OperationRecord>;
  previewRollback(name: string, request: RollbackRequest): Promise<RollbackPreview>;
  /** Asks a queued or running operation to stop; in-flight applies are aborted. */
  terminate(name: string, operationId: string, caller: Principal): Promise<OperationRecord>;
  /** Ends a rollback: automated sync back on, and a sync of Git's version queued. */
  resumeAutoSync(name: string, caller: Principal): Promise<{ app: AppRecord; operation: OperationRecord | null }>;
  /** Which files under the app's path a rollback commit would change (nothing is pushed). @throws ConflictError when the app is not rolled back. */
  previewRollbackCommit(name: string): Promise<RollbackCommitPreview>;
  /**
   * Makes a rollback permanent: commits the rolled-back revision's files under the app's path
   * to its config repository, then ends the rollback (automated sync back on) and compares.
   * @throws ConflictError when not rolled back or Git already matches; RefusedByPolicyError when the project forbids it.
   */
  commitRollback(name: string, caller: Principal): Promise<RollbackCommitResult>;
  /** Resolves once the operation has ended (or `signal` aborts), with its final record. */
  waitFor(name: string, operationId: string, signal?: AbortSignal): Promise<OperationRecord>;
  list(name: string, limit?: number): Promise<OperationRecord[]>;
  get(name: string, operationId: string): Promise<OperationRecord>;
  /** The queued or running operation of an app, if any. */
  current(name: string): Promise<OperationRecord | undefined>;
  /** Ids of the app's history entries that stored manifests (can be rolled back to). */
  idsWithManifests(name: string): Promise<Set<string>>;
  compareHistory(name: string, fromId: string, toId: string): Promise<HistoryComparison>;
}

/** App sets: apps generated from a config repository's layout (lib/appsets, docs/appsets.md). */
export interface AppSetsFacade {
  /** Every set, by name; only those of `projects` when given. */
  list(projects?: readonly string[]): Promise<AppSetRecord[]>;
  /** @throws NotFoundError */
  get(name: string): Promise<AppSetRecord>;
  /** The apps the set generated, with their status, by name. */
  apps(name: string): Promise<AppRecord[]>;
  /** Stores a set and generates its apps at once. @throws ConflictError when the name is taken; ValidationError for an unknown project. */
  create(spec: AppSetSpec, caller: Principal): Promise<AppSetRecord>;
  /** Replaces a set's spec (not its name) and generates it again. */
  update(name: string, spec: AppSetSpec, caller: Principal): Promise<AppSetRecord>;
  /** Deletes a set: its apps too when its policy allows deletion, else they stay as hand-made apps. */
  delete(name: string, caller: Principal): Promise<{ deletedApps: string[]; keptApps: string[] }>;
  /** What generating the set at `revision` (its own by default) would create, change or delete; nothing is written. */
  preview(name: string, revision?: string): Promise<AppSetPreview>;
  /** Generates the set now and applies the plan its policy allows. */
  refresh(name: string, caller: Principal): Promise<AppSetRecord>;
  /** The progressive rollout's steps and apps; null for a set without a strategy. */
  rollout(name: string): Promise<RolloutState | null>;
}

/** Projects: the tenancy boundary every app belongs to. Writes are for admins (the routes say so). */
export interface ProjectsFacade {
  /** Every project, by name, with its app count. */
  list(): Promise<ProjectRecord[]>;
  /** @throws NotFoundError */
  get(name: string): Promise<ProjectRecord>;
  /** @throws ConflictError when the name is taken. */
  create(spec: ProjectSpec, caller: Principal): Promise<ProjectRecord>;
  /** Changes the fields the update names. @throws NotFoundError */
  update(name: string, update: ProjectUpdate, caller: Principal): Promise<ProjectRecord>;
  /** @throws ConflictError for the built-in project or one that still has apps; NotFoundError */
  delete(name: string, caller: Principal): Promise<void>;
}

/**
 * Environment pipelines and promotions (lib/promotion). Reads and promotions show a pipeline
 * only to callers who see one of its stages' apps; writes of pipelines are for admins (the
 * routes say so).
 */
export interface PipelinesFacade {
  /** The pipelines the caller sees, each with its stages' state and pending promotions. */
  list(caller: Principal): Promise<PipelineView[]>;
  /** @throws NotFoundError */
  get(service: string, caller: Principal): Promise<PipelineView>;
  /** @throws ConflictError when the service has one. */
  create(spec: PipelineSpec): Promise<PipelineRecord>;
  /** Replaces its stages. @throws NotFoundError */
  update(service: string, body: PipelineBody): Promise<PipelineRecord>;
  /** Deletes it with its promotion history. @throws NotFoundError */
  delete(service: string): Promise<void>;
  /** What promoting from stage `from` would commit now (the diff); nothing is written. */
  preview(service: string, from: string, caller: Principal): Promise<PromotionPreview>;
  /**
   * Promotes the images live in stage `from` into the next stage: committed, or pending when the
   * next stage needs approval. @throws ForbiddenError without deployer rights on the target app;
   * ConflictError when the source is not Synced and Healthy or nothing would change.
   */
  promote(service: string, from: string, caller: Principal): Promise<PromotionRecord>;
  /** Approves a pending promotion and commits it. @throws ForbiddenError without the stage's approval role; ConflictError when not pending. */
  approve(id: string, caller: Principal): Promise<PromotionRecord>;
  /** The service's promotions, newest first. */
  promotions(service: string, caller: Principal, limit?: number): Promise<PromotionRecord[]>;
}

/** Accounts, sessions, API tokens and single sign-on. */
export interface AuthFacade {
  authenticate(headers: HeaderSource): Promise<Principal | null>;
  signInWithPassword(attempt: PasswordSignIn): Promise<NewSession>;
  signOut(cookieValue: string): Promise<void>;
  changePassword(principal: Principal, change: PasswordChange): Promise<UserRecord>;
  listUsers(): Promise<UserRecord[]>;
  createUser(input: z.infer<typeof newUserSchema>): Promise<UserWithPassword>;
  changeUser(name: string, input: z.infer<typeof userUpdateSchema>): Promise<UserWithPassword>;
  removeUser(name: string): Promise<void>;
  listTokens(): Promise<ApiTokenRecord[]>;
  issueToken(input: z.infer<typeof newTokenSchema>, createdBy: Principal): Promise<IssuedToken>;
  deleteToken(id: string): Promise<void>;
  /** On the first start (no user at all), creates `admin`; answers whether it did. Called once from instrumentation. */
  ensureInitialAdmin(options?: InitialAdminOptions): Promise<boolean>;
  isOidcConfigured(): boolean;
  beginOidcSignIn(options: { origin: string; next: string }): Promise<{ url: string; state: string }>;
  completeOidcSignIn(options: { search: string; cookieState: string | undefined; address: string }): Promise<{ session: NewSession; next: string }>;
}

/** The audit trail. */
export interface AuditFacade {
  list(query: AuditQuery): Promise<{ entries: AuditEntryRecord[]; total: number }>;
  openNote(requestId: string, note: AuditNote): void;
  refineNote(requestId: string, change: Partial<AuditNote>): boolean;
  /**
   * The request id and client address the request hook stamped on a request, when the stamp is
   * genuine (this engine's hook wrote it); undefined otherwise, e.g. before the hook is installed.
   */
  readStamp(headers: HeaderReader): { requestId: string; address: string } | undefined;
}

/** Repository credentials (secrets never leave in a view). */
export interface CredentialsFacade {
  list(): Promise<RepoCredentialView[]>;
  get(id: string): Promise<RepoCredentialView>;
  create(input: RepoCredentialCreate): Promise<RepoCredentialView>;
  update(id: string, update: RepoCredentialUpdate): Promise<RepoCredentialView>;
  delete(id: string): Promise<void>;
}

/** Registered destination clusters with their connection state (secrets never leave in a view). */
export interface ClustersFacade {
  list(): Promise<ClusterView[]>;
  /** @throws NotFoundError */
  get(name: string): Promise<ClusterView>;
  /** @throws ConflictError when the name is taken. */
  create(input: ClusterCreate): Promise<ClusterView>;
  /** @throws NotFoundError */
  update(name: string, update: ClusterUpdate): Promise<ClusterView>;
  /** @throws ConflictError while an app deploys there; NotFoundError */
  delete(name: string): Promise<void>;
}

/** The CD half: image bumps committed to Git. */
export interface ImagesFacade {
  authorize(authorization: string | null, target: { repoUrl: string; path: string }): Promise<CiTokenVerdict>;
  set(request: SetImageRequest): Promise<SetImageResult>;
}

/** Everything the web layer may ask of the engine. */
export interface EngineFacade {
  apps: AppsFacade;
  operations: OperationsFacade;
  appSets: AppSetsFacade;
  projects: ProjectsFacade;
  /** Environment pipelines and promotions between their stages (lib/promotion). */
  pipelines: PipelinesFacade;
  auth: AuthFacade;
  audit: AuditFacade;
  credentials: CredentialsFacade;
  clusters: ClustersFacade;
  images: ImagesFacade;
  /** Notification channels (secrets write-only), subscriptions and deliveries (lib/notifications). */
  notifications: NotificationsFacade;
  drift(query: DriftQuery): Promise<DriftReport>;
  /** Delivery metrics (deployment frequency, lead time, change failure rate, time to restore) from history (lib/insights). */
  insights(query: InsightsQuery): Promise<InsightsReport>;
  /** Handles one Git push webhook delivery (signature, matching apps, queued refreshes). */
  gitWebhook(headers: Headers, body: Uint8Array): Promise<WebhookAnswer>;
  /** A Server-Sent Events stream of the engine's app events. */
  eventStream(options: EventStreamOptions): ReadableStream<Uint8Array>;
  /** A destination's version and nodes (`local`, a registered cluster or a kubeconfig context); never throws. */
  clusterInfo(cluster: string): Promise<ClusterInfo>;
  /** The replicas sharing the database and the shards each holds (one replica holding all when alone). */
  replicas(): ShardStatus;
  /** This engine's Prometheus metrics in the text exposition format (`/metrics`; the caller checks who may read them). */
  scrapeMetrics(): Promise<MetricsScrape>;
}

/** The records the facade answers with, for the web layer's types (it never imports lib/db). */
export type { AppListRow, AppRecord, AppSetRecord, OperationRecord, PipelineRecord, PipelineView, ProjectRecord, PromotionPreview, PromotionRecord };
