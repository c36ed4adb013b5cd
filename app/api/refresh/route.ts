import { refreshManyRoute } from "@/app/api/_routes/live";
import { route } from "@/app/api/_shared/route";
import { authorize } from "@/lib/auth/authorize";
import { ForbiddenError } from "@/lib/auth/errors";

/**
 * Refreshes many apps at once as one cycle (one `ls-remote` per repository): the named ones,
 * each of which the caller must be allowed to refresh, or — without names — every app the caller
 * may refresh. Answers each app's new status once all are done.
 */
export const POST = route(refreshManyRoute, async ({ engine, body, caller }) => {
  const mayRefresh = (app: string) => authorize(caller, { permission: "deployer", app }).allowed;
  const refused = body.apps?.find((app) => !mayRefresh(app));
  if (refused !== undefined) throw new ForbiddenError(`You may not refresh application "${refused}".`);
  const names = body.apps ?? (await engine.apps.sources()).map((source) => source.name).filter(mayRefresh);
  return { apps: await engine.apps.refreshMany(names, { hard: body.hard }) };
});
