import { deletePipelineRoute, getPipelineRoute, updatePipelineRoute } from "@/app/api/_routes/promotion";
import { route } from "@/app/api/_shared/route";

/** One pipeline with its stages' state and pending promotions. */
export const GET = route(getPipelineRoute, async ({ engine, params, caller }) => engine.pipelines.get(params.service, caller));

/** Replaces a pipeline's stages. */
export const PUT = route(updatePipelineRoute, async ({ engine, params, body }) => engine.pipelines.update(params.service, body));

/** Deletes a pipeline and its promotion history. */
export const DELETE = route(deletePipelineRoute, async ({ engine, params }) => {
  await engine.pipelines.delete(params.service);
});
