/** The access policy the proxy enforces: the API routes' declared rules, the pages' table and the endpoints outside /api (`/metrics`). */
import { createAccessPolicy, ENDPOINT_RULES, PAGE_RULES } from "@/lib/auth/policy";
import { accessRuleOf } from "../_shared/declaration";
import { ROUTES } from "./index";

/** The one policy of this server. */
export const ACCESS_POLICY = createAccessPolicy([...ROUTES.map(accessRuleOf), ...PAGE_RULES, ...ENDPOINT_RULES]);
