import { promotionPreviewRoute } from "@/app/api/_routes/promotion";
import { route } from "@/app/api/_shared/route";

/** What promoting from a stage would commit: the diff of the next stage's kustomization.yaml. */
export const GET = route(promotionPreviewRoute, async ({ engine, params, query, caller }) => engine.pipelines.preview(params.service, query.from, caller));
