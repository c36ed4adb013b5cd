/** The API's own description, and the health check of probes. */
import { declareRoute } from "../_shared/declaration";

export const openApiRoute = declareRoute({
  method: "GET",
  path: "/api/openapi.json",
  permission: "anonymous",
  note: "The API's public description; holds no data.",
  summary: "This API's OpenAPI 3.1 description",
  responses: { 200: { description: "The OpenAPI document, generated from the routes' declarations." } },
});

export const healthRoute = declareRoute({
  method: "GET",
  path: "/api/healthz",
  permission: "anonymous",
  note: "The probes of an orchestrator (Kubernetes' liveness and readiness) call it without credentials; it answers a fixed body.",
  summary: "Whether this server process answers requests",
  description: "A cheap check for liveness and readiness probes: it reads nothing and answers as soon as the server handles requests.",
  responses: { 200: { description: '`{"status":"ok"}`.' } },
});
