import { createClusterRoute, listClustersRoute } from "@/app/api/_routes/admin";
import { route } from "@/app/api/_shared/route";

/** Lists registered clusters with their connection state — never a token or key. */
export const GET = route(listClustersRoute, async ({ engine }) => engine.clusters.list());

/** Registers a cluster, its token or key encrypted; answers it without the secret. */
export const POST = route(createClusterRoute, async ({ engine, body }) => engine.clusters.create(body));
