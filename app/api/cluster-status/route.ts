import { clusterStatusRoute } from "@/app/api/_routes/live";
import { route } from "@/app/api/_shared/route";

/** The replicas sharing this database and the shards each holds. */
export const GET = route(clusterStatusRoute, async ({ engine }) => engine.replicas());
