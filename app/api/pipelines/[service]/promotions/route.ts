import { promotionHistoryRoute } from "@/app/api/_routes/promotion";
import { route } from "@/app/api/_shared/route";

/** A service's promotions, newest first. */
export const GET = route(promotionHistoryRoute, async ({ engine, params, query, caller }) => engine.pipelines.promotions(params.service, caller, query.limit));
