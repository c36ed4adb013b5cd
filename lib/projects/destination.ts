/**
 * Where a project's apps may deploy (Argo CD's `destinations`), for the app as a whole and for
 * each namespaced object it renders. Deny entries beat allow entries, and beat `appNamespace`
 * too: a project that denies `kube-system` refuses it even as an app's own namespace.
 */
import { matchesGlob } from "@/lib/auth/globs";

import { isDenyPattern } from "./patterns";
import type { ProjectApp, Refusal } from "./refusal";
import type { Destination, ProjectSpec } from "./schema";

/** The project fields destinations are decided by. */
export type ProjectDestinations = Pick<ProjectSpec, "name" | "destinations" | "appNamespace">;

/**
 * True when `namespace` on `cluster` is a destination of the project: matched by an allow
 * entry (or, with `appNamespace`, the app's own `ownNamespace`) and by no deny entry.
 */
export function isPermittedNamespace(project: ProjectDestinations, cluster: string, namespace: string, ownNamespace?: string): boolean {
  let allowed = project.appNamespace && ownNamespace !== undefined && namespace === ownNamespace;
  for (const entry of project.destinations) {
    if (!matchesDestination(entry, cluster, namespace)) continue;
    if (isDenyDestination(entry)) return false;
    allowed = true;
  }
  return allowed;
}

/**
 * Refuses the app's own destination unless the project permits it: an allow entry matching
 * its cluster and namespace, or `appNamespace`, which permits any namespace as an app's own.
 */
export function checkDestination(project: ProjectDestinations, app: ProjectApp): Refusal | undefined {
  if (isPermittedNamespace(project, app.destCluster, app.destNamespace, app.destNamespace)) return undefined;
  return {
    rule: "destination",
    message: `Namespace ${app.destNamespace} on cluster ${app.destCluster} is not a destination of project ${project.name}.`,
  };
}

/** A deny entry: `deny: true`, or a cluster or namespace pattern written with a leading `!` as Argo CD allows. */
function isDenyDestination(entry: Destination): boolean {
  return entry.deny || isDenyPattern(entry.cluster) || isDenyPattern(entry.namespace);
}

function matchesDestination(entry: Destination, cluster: string, namespace: string): boolean {
  return matchesGlob(cluster, stripDeny(entry.cluster)) && matchesGlob(namespace, stripDeny(entry.namespace));
}

function stripDeny(pattern: string): string {
  return isDenyPattern(pattern) ? pattern.slice(1) : pattern;
}
