import { loginRoute } from "@/app/api/_routes/auth";
import { route } from "@/app/api/_shared/route";
import { isHttpsRequest, serializeSessionCookie, sessionLifetimeMs } from "@/lib/auth/cookies";

/** Signs in with a user name and password; answers the user and sets the session cookie. Rate-limited (429). */
export const POST = route(loginRoute, async ({ engine, body, request }) => {
  const stamp = engine.audit.readStamp(request.headers);
  if (stamp) engine.audit.refineNote(stamp.requestId, { actor: body.username, actorKind: "anonymous" });
  const session = await engine.auth.signInWithPassword({ name: body.username, password: body.password, address: stamp?.address ?? "unknown" });
  if (stamp) engine.audit.refineNote(stamp.requestId, { actorKind: "user" });
  const response = Response.json({
    user: { name: session.user.name, role: session.user.role },
    mustChangePassword: session.user.mustChangePassword,
    expiresAt: session.expiresAt,
  });
  response.headers.append("Set-Cookie", serializeSessionCookie(session.cookieValue, { secure: isHttpsRequest(request.url, request.headers), maxAgeMs: sessionLifetimeMs() }));
  return response;
});
