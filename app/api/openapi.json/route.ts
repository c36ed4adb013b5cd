import { openApiDocument } from "./spec";

/** Serves the OpenAPI description of the API. */
export function GET(): Response {
  return Response.json(openApiDocument());
}
