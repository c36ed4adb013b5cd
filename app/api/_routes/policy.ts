/** The access policy the proxy enforces: the API routes' declared rules and the pages' table. */
import { createAccessPolicy, PAGE_RULES } from "@/lib/auth/policy";
import { accessRuleOf } from "../_shared/declaration";
import { ROUTES } from "./index";

/** The one policy of this server. */
export const ACCESS_POLICY = createAccessPolicy([...ROUTES.map(accessRuleOf), ...PAGE_RULES]);
