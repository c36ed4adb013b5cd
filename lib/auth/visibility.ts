/**
 * What a principal sees in lists, streams and logs. A principal limited to projects sees the
 * apps of those projects and of the projects whose roles bind it; any other principal sees what
 * its global role lets it see, as before projects existed (every app; an app-scoped token, its
 * apps). The rule is `authorize` with the `viewer` permission, so the two cannot disagree.
 */
import { authorize } from "./authorize";
import type { Principal } from "./principal";

/** The projects whose apps `principal` sees in lists; undefined for every project. */
export function visibleProjects(principal: Principal): readonly string[] | undefined {
  if (!principal.projects) return undefined;
  return [...new Set([...principal.projects, ...Object.keys(principal.projectRoles ?? {})])].sort();
}

/**
 * Whether `principal` sees an app, given each app's project (`projectOfApp`). An app missing
 * from the map (deleted, or created since the map was read) is judged without a project, which
 * hides it from a principal limited to projects.
 */
export function appVisibility(principal: Principal, projectOfApp: ReadonlyMap<string, string>): (app: string) => boolean {
  return (app) => {
    const project = projectOfApp.get(app);
    return authorize(principal, { permission: "viewer", app, ...(project !== undefined ? { project } : {}) }).allowed;
  };
}
