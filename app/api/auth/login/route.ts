import { refineAuditNote } from "@/lib/audit/notes";
import { readStamp } from "@/lib/audit/request-context";
import { isHttpsRequest, serializeSessionCookie, sessionLifetimeMs } from "@/lib/auth/cookies";
import { signInSchema } from "@/lib/auth/schemas";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { errorResponse, parseJson } from "../../_shared/respond";

/** Signs in with a user name and password; answers the user and sets the session cookie. Rate-limited (429). */
export async function POST(request: Request): Promise<Response> {
  const stamp = readStamp(request.headers);
  try {
    const body = await parseJson(request, signInSchema);
    if (stamp) refineAuditNote(stamp.requestId, { actor: body.username, actorKind: "anonymous" });
    const session = await signInWithPassword({ name: body.username, password: body.password, address: stamp?.address ?? "unknown" });
    if (stamp) refineAuditNote(stamp.requestId, { actorKind: "user" });
    const response = Response.json({
      user: { name: session.user.name, role: session.user.role },
      mustChangePassword: session.user.mustChangePassword,
      expiresAt: session.expiresAt,
    });
    response.headers.append("Set-Cookie", serializeSessionCookie(session.cookieValue, { secure: isHttpsRequest(request.url, request.headers), maxAgeMs: sessionLifetimeMs() }));
    return response;
  } catch (error) {
    return errorResponse(error);
  }
}
