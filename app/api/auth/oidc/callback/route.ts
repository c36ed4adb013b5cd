import { oidcCallbackRoute } from "@/app/api/_routes/auth";
import { browserOrigin } from "@/app/api/_shared/origin";
import { route } from "@/app/api/_shared/route";
import { isHttpsRequest, OIDC_STATE_COOKIE, readCookie, serializeSessionCookie, sessionLifetimeMs } from "@/lib/auth/cookies";
import { signInFailureCodeOf } from "@/lib/auth/oidc/failures";
import { isDomainError } from "@/lib/errors";

/** The identity provider's redirect back: checks it, starts a session and goes where the user was headed; errors go to the sign-in page as a fixed code. */
export const GET = route(oidcCallbackRoute, async ({ engine, request }) => {
  const stamp = engine.audit.readStamp(request.headers);
  const origin = browserOrigin(request);
  const secure = isHttpsRequest(request.url, request.headers);
  const clearState = `${OIDC_STATE_COOKIE}=; Path=/api/auth/oidc; Max-Age=0; HttpOnly; SameSite=Lax`;
  try {
    const { session, next } = await engine.auth.completeOidcSignIn({
      search: new URL(request.url).search,
      cookieState: readCookie(request.headers.get("cookie"), OIDC_STATE_COOKIE),
      address: stamp?.address ?? "unknown",
    });
    if (stamp) engine.audit.refineNote(stamp.requestId, { actor: session.user.name, actorKind: "user" });
    const headers = new Headers({ location: `${origin}${next}` });
    headers.append("set-cookie", serializeSessionCookie(session.cookieValue, { secure, maxAgeMs: sessionLifetimeMs() }));
    headers.append("set-cookie", clearState);
    return new Response(null, { status: 303, headers });
  } catch (error) {
    const message = isDomainError(error) ? error.message : "Single sign-on failed; the server log has the details.";
    if (!isDomainError(error)) console.error(error);
    if (stamp) engine.audit.refineNote(stamp.requestId, { result: "denied", detail: message.slice(0, 500) });
    const headers = new Headers({ location: `${origin}/login?error=${signInFailureCodeOf(error)}` });
    headers.append("set-cookie", clearState);
    return new Response(null, { status: 303, headers });
  }
});
