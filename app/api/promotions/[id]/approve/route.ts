import { approvePromotionRoute } from "@/app/api/_routes/promotion";
import { route } from "@/app/api/_shared/route";

/** Approves a pending promotion and commits it. */
export const POST = route(approvePromotionRoute, async ({ engine, params, caller }) => engine.pipelines.approve(params.id, caller));
