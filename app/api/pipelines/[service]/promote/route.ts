import { promoteRoute } from "@/app/api/_routes/promotion";
import { route } from "@/app/api/_shared/route";

/** Promotes a stage's live images into the next stage: committed, or pending approval. */
export const POST = route(promoteRoute, async ({ engine, params, body, caller }) => engine.pipelines.promote(params.service, body.from, caller));
