import { createPipelineRoute, listPipelinesRoute } from "@/app/api/_routes/promotion";
import { route } from "@/app/api/_shared/route";

/** The pipelines the caller sees, with their stages' state and pending promotions. */
export const GET = route(listPipelinesRoute, async ({ engine, caller }) => engine.pipelines.list(caller));

/** Declares a service's pipeline. */
export const POST = route(createPipelineRoute, async ({ engine, body }) => engine.pipelines.create(body));
