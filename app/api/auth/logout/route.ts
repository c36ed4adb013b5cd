import { logoutRoute } from "@/app/api/_routes/auth";
import { route } from "@/app/api/_shared/route";
import { isHttpsRequest, readCookie, serializeSessionCookie, SESSION_COOKIE } from "@/lib/auth/cookies";

/** Ends the session named by the cookie, if any, and clears the cookie. */
export const POST = route(logoutRoute, async ({ engine, request }) => {
  const value = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  if (value) await engine.auth.signOut(value);
  const response = new Response(null, { status: 204 });
  response.headers.append("Set-Cookie", serializeSessionCookie("", { secure: isHttpsRequest(request.url, request.headers), maxAgeMs: 0 }));
  return response;
});
