/**
 * lib/engine — the GitOps loop as one object: `createEngine(deps)` builds it from its
 * dependencies, and the web layer reaches the process's engine through `getEngine()`
 * (lib/engine/instance). Git → render → diff → plan → execute → record.
 */
export { createEngine, type Engine, type EngineDependencies, type EngineRooms, type StartOptions } from "./create-engine";
export type { AppComparison, LiveResourceDiff } from "./compare-app";
export type { RefreshOptions } from "./comparisons";
export type { SelfHealStatus } from "./automation";
export type { KubeEventView, ResourceDetail, TreeNode } from "./resource-tree";
export type { ResourceStatusRow } from "./status-rows";
export type { HistoryComparison } from "./history";
export type { ManifestDiff } from "./history-compare";
export type { RollbackOptions, RollbackPreview, RollbackResource } from "./rollback";
export type { DeleteRequest, EngineFacade, RollbackRequest, SyncRequest } from "./facade";
export type { RefreshedApp } from "./reconciler";
