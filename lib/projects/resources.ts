/**
 * Which objects a project's apps may create: cluster-scoped kinds only when listed in
 * `clusterResources` (none by default), namespaced kinds unless listed in
 * `namespacedResourcesDeny`, and those only in the project's destinations — as Argo CD's
 * AppProject decides before every sync.
 */
import { matchesGlob } from "@/lib/auth/globs";
import { groupOf } from "@/lib/types";

import { isPermittedNamespace } from "./destination";
import type { ProjectApp, Refusal } from "./refusal";
import type { GroupKind, ProjectSpec } from "./schema";

/** The object fields the rules look at; any rendered or stored `KubeObject` fits. */
export interface ProjectObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}

/** How to read an object: whether its kind is namespaced (from discovery or lib/source's guess). */
export interface CheckResourceOptions {
  namespaced: boolean;
}

/** The project fields resources are decided by. */
export type ProjectResourceRules = Pick<ProjectSpec, "name" | "destinations" | "appNamespace" | "clusterResources" | "namespacedResourcesDeny">;

/**
 * Refuses `obj`, rendered for `app`, when the project does not permit it: a cluster-scoped
 * kind not in `clusterResources`, a namespaced kind in `namespacedResourcesDeny`, or a
 * namespace that is not a destination (an object without a namespace lands in the app's).
 */
export function checkResource(project: ProjectResourceRules, app: ProjectApp, obj: ProjectObject, options: CheckResourceOptions): Refusal | undefined {
  const group = groupOf(obj.apiVersion);
  if (!options.namespaced) {
    if (matchesAnyGroupKind(project.clusterResources, group, obj.kind)) return undefined;
    return { rule: "cluster-resource", message: `${obj.kind} is not permitted in project ${project.name}.` };
  }
  if (matchesAnyGroupKind(project.namespacedResourcesDeny, group, obj.kind)) {
    return { rule: "namespaced-resource", message: `${obj.kind} is not permitted in project ${project.name}.` };
  }
  const namespace = obj.metadata.namespace || app.destNamespace;
  if (isPermittedNamespace(project, app.destCluster, namespace, app.destNamespace)) return undefined;
  return {
    rule: "destination",
    message: `Namespace ${namespace} is not a destination of project ${project.name} (the app deploys to ${app.destNamespace}).`,
  };
}

/** True when some entry's group and kind globs match (`""` is the core group). */
export function matchesAnyGroupKind(entries: readonly GroupKind[], group: string, kind: string): boolean {
  return entries.some((entry) => matchesGlob(group, entry.group) && matchesGlob(kind, entry.kind));
}
