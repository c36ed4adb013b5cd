import { oidcLoginRoute } from "@/app/api/_routes/auth";
import { browserOrigin } from "@/app/api/_shared/origin";
import { route } from "@/app/api/_shared/route";
import { isHttpsRequest, OIDC_STATE_COOKIE } from "@/lib/auth/cookies";
import { safeLocalPath } from "@/lib/http/safe-url";

/** Starts single sign-on: redirects to the identity provider, binding the attempt to this browser by a cookie. */
export const GET = route(oidcLoginRoute, async ({ engine, query, request }) => {
  if (!engine.auth.isOidcConfigured()) return Response.json({ error: "Single sign-on is not configured." }, { status: 404 });
  const { url, state } = await engine.auth.beginOidcSignIn({ origin: browserOrigin(request), next: safeLocalPath(query.next) });
  const secure = isHttpsRequest(request.url, request.headers) ? "; Secure" : "";
  return new Response(null, {
    status: 302,
    headers: { location: url, "set-cookie": `${OIDC_STATE_COOKIE}=${state}; Path=/api/auth/oidc; Max-Age=600; HttpOnly; SameSite=Lax${secure}` },
  });
});
