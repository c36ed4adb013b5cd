import { isHttpsRequest, readCookie, serializeSessionCookie, SESSION_COOKIE } from "@/lib/auth/cookies";
import { signOut } from "@/lib/auth/sign-in";
import { errorResponse } from "../../_shared/respond";

/** Ends the session named by the cookie, if any, and clears the cookie. */
export async function POST(request: Request): Promise<Response> {
  try {
    const value = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
    if (value) await signOut(value);
    const response = new Response(null, { status: 204 });
    response.headers.append("Set-Cookie", serializeSessionCookie("", { secure: isHttpsRequest(request.url, request.headers), maxAgeMs: 0 }));
    return response;
  } catch (error) {
    return errorResponse(error);
  }
}
