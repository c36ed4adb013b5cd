/** The API's own description. */
import { declareRoute } from "../_shared/declaration";

export const openApiRoute = declareRoute({
  method: "GET",
  path: "/api/openapi.json",
  permission: "anonymous",
  note: "The API's public description; holds no data.",
  summary: "This API's OpenAPI 3.1 description",
  responses: { 200: { description: "The OpenAPI document, generated from the routes' declarations." } },
});
