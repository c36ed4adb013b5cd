/**
 * The app's project, as the engine enforces it: whether the app itself may render from its
 * repository and deploy to its destination, and a check of each object against the project's
 * kinds and destinations. Read afresh wherever a write follows, so a project changed in the
 * meantime is what counts.
 */
import type { AppRecord } from "@/lib/db/apps";
import type { ProjectDefinition } from "@/lib/db/projects";
import { checkDestination, checkResource, checkSource, syncWindowVerdict, type SyncWindowVerdict } from "@/lib/projects";
import type { KubeObject, ResourceRefusal } from "@/lib/types";
import type { EngineContext } from "./context";

/** One app's rules at one moment. */
export interface AppRules {
  project: ProjectDefinition;
  /** Why the app as a whole may not sync (its repository or destination), when so. */
  appRefusal?: ResourceRefusal;
  /** The project's verdict on one object of the app. */
  check(obj: KubeObject): ResourceRefusal | undefined;
}

/** The rules of an app's project as they are now (pure once the project is read). */
export function rulesOf(project: ProjectDefinition, app: Pick<AppRecord, "name" | "repoUrl" | "destCluster" | "destNamespace">): AppRules {
  const target = { name: app.name, destCluster: app.destCluster, destNamespace: app.destNamespace };
  return {
    project,
    appRefusal: checkSource(project, app.repoUrl) ?? checkDestination(project, target),
    check: (obj) => checkResource(project, target, obj, { namespaced: obj.metadata.namespace !== undefined && obj.metadata.namespace !== "" }),
  };
}

/** Reads the app's project and answers its rules. */
export async function loadRules(ctx: Pick<EngineContext, "db">, app: AppRecord): Promise<AppRules> {
  return rulesOf(await ctx.db.projects.getProjectDefinition(app.project), app);
}

/** Whether the app may sync now by its project's windows (`manual` for a person's request). */
export function windowVerdict(ctx: Pick<EngineContext, "clock">, rules: AppRules, app: Pick<AppRecord, "name">, manual: boolean): SyncWindowVerdict {
  return syncWindowVerdict(rules.project.syncWindows, { app: app.name, now: new Date(ctx.clock.now()), manual });
}
