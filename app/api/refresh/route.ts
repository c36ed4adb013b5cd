import { refreshManyRoute } from "@/app/api/_routes/live";
import { route } from "@/app/api/_shared/route";
import { authorize } from "@/lib/auth/authorize";
import { ForbiddenError } from "@/lib/auth/errors";

/**
 * Refreshes many apps at once as one cycle (one `ls-remote` per repository): the named ones,
 * each of which the caller must be allowed to refresh, or — without names — every app the caller
 * may refresh, only those of `project` when the body names one (the Applications page's
 * "Refresh all" under a project filter). Answers each app's new status once all are done.
 */
export const POST = route(refreshManyRoute, async ({ engine, body, caller }) => {
  const sources = await engine.apps.sources();
  const projectOf = new Map(sources.map((source) => [source.name, source.project]));
  const mayRefresh = (app: string) => {
    const project = projectOf.get(app);
    return authorize(caller, { permission: "deployer", app, ...(project !== undefined ? { project } : {}) }).allowed;
  };
  const refused = body.apps?.find((app) => !mayRefresh(app));
  if (refused !== undefined) throw new ForbiddenError(`You may not refresh application "${refused}".`);
  const inScope = (source: { project: string }) => body.project === undefined || source.project === body.project;
  const names = body.apps ?? sources.filter(inScope).map((source) => source.name).filter(mayRefresh);
  return { apps: await engine.apps.refreshMany(names, { hard: body.hard }) };
});
