import { z } from "zod";
import { NotFoundError } from "@/lib/errors";
import { getResourceDetail, getResourceTree } from "@/lib/engine";
import { respond } from "../../../_shared/respond";

type Context = { params: Promise<{ name: string }> };

const treeQuery = z.object({ node: z.string().min(1).max(300).optional() });

/**
 * The app's resource tree (its resources and, by ownerReferences, what their controllers
 * made) with sync status and health; with `?node=<uid or subject>`, that node's live YAML
 * (Secret values masked), diff against Git and Kubernetes Events.
 */
export async function GET(request: Request, { params }: Context): Promise<Response> {
  return respond(async () => {
    const { name } = await params;
    const query = treeQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.node) return { nodes: await getResourceTree(name) };
    const detail = await getResourceDetail(name, query.node);
    if (!detail) throw new NotFoundError(`Application "${name}" has no resource "${query.node}" in its tree.`);
    return detail;
  });
}
