import { isHttpsRequest } from "@/lib/auth/cookies";
import { OIDC_STATE_COOKIE, beginOidcSignIn } from "@/lib/auth/oidc/flow";
import { isOidcConfigured } from "@/lib/auth/oidc/config";
import { safeLocalPath } from "@/lib/http/safe-url";
import { browserOrigin } from "../../../_shared/origin";
import { errorResponse } from "../../../_shared/respond";

/** Starts single sign-on: redirects to the identity provider, binding the attempt to this browser by a cookie. */
export async function GET(request: Request): Promise<Response> {
  if (!isOidcConfigured()) return Response.json({ error: "Single sign-on is not configured." }, { status: 404 });
  try {
    const next = safeLocalPath(new URL(request.url).searchParams.get("next"));
    const { url, state } = await beginOidcSignIn({ origin: browserOrigin(request), next });
    const secure = isHttpsRequest(request.url, request.headers) ? "; Secure" : "";
    return new Response(null, {
      status: 302,
      headers: { location: url, "set-cookie": `${OIDC_STATE_COOKIE}=${state}; Path=/api/auth/oidc; Max-Age=600; HttpOnly; SameSite=Lax${secure}` },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
