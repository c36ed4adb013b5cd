import { treeRoute } from "@/app/api/_routes/apps";
import { route } from "@/app/api/_shared/route";
import { NotFoundError } from "@/lib/errors";

/**
 * The app's resource tree (its resources and, by ownerReferences, what their controllers
 * made) with sync status and health; with `?node=<uid or subject>`, that node's live YAML
 * (Secret values masked), diff against Git and Kubernetes Events.
 */
export const GET = route(treeRoute, async ({ engine, params, query }) => {
  if (!query.node) return { nodes: await engine.apps.tree(params.name) };
  const detail = await engine.apps.resourceDetail(params.name, query.node);
  if (!detail) throw new NotFoundError(`Application "${params.name}" has no resource "${query.node}" in its tree.`);
  return detail;
});
