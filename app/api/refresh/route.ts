import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import { ForbiddenError } from "@/lib/auth/errors";
import { allAppNames, refreshApps } from "@/lib/engine/reconciler";
import { requirePrincipal } from "../_shared/principal";
import { parseJson, respond } from "../_shared/respond";

const refreshBody = z.object({
  apps: z.array(z.string().min(1).max(63), { error: "apps must be a list of application names." }).max(10_000).optional(),
  hard: z.boolean({ error: "hard must be true or false." }).default(false),
});

/**
 * Refreshes many apps at once as one cycle (one `ls-remote` per repository): the named ones,
 * each of which the caller must be allowed to refresh, or — without names — every app the caller
 * may refresh. Answers each app's new status once all are done.
 */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const principal = await requirePrincipal(request, { permission: "deployer" });
    const body = await parseJson(request, refreshBody);
    const mayRefresh = (app: string) => authorize(principal, { permission: "deployer", app }).allowed;
    const refused = body.apps?.find((app) => !mayRefresh(app));
    if (refused !== undefined) throw new ForbiddenError(`You may not refresh application "${refused}".`);
    const names = body.apps ?? (await allAppNames()).filter(mayRefresh);
    return { apps: await refreshApps(names, { hard: body.hard }) };
  });
}
