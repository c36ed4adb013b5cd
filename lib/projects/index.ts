/**
 * lib/projects — projects, the tenancy boundary an app lives in (after Argo CD's AppProject),
 * and their rules as pure functions: which repositories an app may render from
 * ({@link checkSource}), where it may deploy ({@link checkDestination}), which objects it may
 * create ({@link checkResource}), when it may sync ({@link syncWindowVerdict}) and who may act
 * on it ({@link projectRolesOf}). No I/O: callers bring the project and the app.
 */
export * from "./schema";
export { checkDestination, isPermittedNamespace, type ProjectDestinations } from "./destination";
export { parseWindowDuration } from "./duration";
export { isDenyPattern, matchesPatterns, matchesRepoPatterns } from "./patterns";
export type { ProjectApp, Refusal, RefusalRule } from "./refusal";
export { checkResource, matchesAnyGroupKind, type CheckResourceOptions, type ProjectObject, type ProjectResourceRules } from "./resources";
export { projectRolesOf, type ProjectPrincipal } from "./project-roles";
export { checkSource } from "./source";
export { ABOUT_TO_CLOSE_MS, syncWindowVerdict, type SyncWindowQuery, type SyncWindowVerdict } from "./sync-windows";
export { describeWindow, validateSyncWindow } from "./window-schedule";
