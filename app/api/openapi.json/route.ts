import { openApiRoute } from "../_routes/docs";
import { ROUTES } from "../_routes/index";
import { openApiDocument } from "../_routes/openapi";
import { route } from "../_shared/route";

/** Serves the OpenAPI description of the API, generated from the route declarations. */
export const GET = route(openApiRoute, async () => openApiDocument(ROUTES));
