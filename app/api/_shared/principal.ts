import { authenticate } from "@/lib/auth/authenticate";
import { authorize, type Requirement } from "@/lib/auth/authorize";
import { ForbiddenError, UnauthorizedError } from "@/lib/auth/errors";
import type { Principal } from "@/lib/auth/principal";

/**
 * Authenticates a route handler's request and checks a requirement again (the proxy already
 * did; a handler that needs the principal re-derives it rather than trusting headers).
 * @throws UnauthorizedError (401) or ForbiddenError (403), which `respond()` maps.
 */
export async function requirePrincipal(request: Request, requirement: Requirement): Promise<Principal> {
  const principal = await authenticate(request.headers);
  const decision = authorize(principal, requirement);
  if (!decision.allowed) throw decision.status === 401 ? new UnauthorizedError(decision.reason) : new ForbiddenError(decision.reason);
  return principal!;
}
