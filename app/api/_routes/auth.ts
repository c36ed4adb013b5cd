/** Sign-in, sign-out, single sign-on and the caller's own account. */
import { z } from "zod";
import { passwordChangeSchema, signInSchema } from "@/lib/auth/schemas";
import { declareRoute } from "../_shared/declaration";
import { error, INVALID } from "./answers";

export const loginRoute = declareRoute({
  method: "POST",
  path: "/api/auth/login",
  permission: "anonymous",
  note: "Signing in is how one stops being anonymous; rate-limited.",
  action: "auth.login",
  summary: "Sign in with a user name and password",
  body: signInSchema,
  responses: { 200: { description: "Signed in; the session cookie is set." }, 401: error("Wrong user name or password."), ...INVALID, 429: error("Too many failed sign-ins; see Retry-After.") },
});

export const logoutRoute = declareRoute({
  method: "POST",
  path: "/api/auth/logout",
  permission: "anonymous",
  note: "Signing out ends whatever session the cookie names, if any.",
  action: "auth.logout",
  summary: "Sign out (end the cookie's session)",
  responses: { 204: { description: "Signed out; the cookie is cleared." } },
});

export const meRoute = declareRoute({
  method: "GET",
  path: "/api/auth/me",
  permission: "signed-in",
  summary: "Who the caller is",
  responses: { 200: { description: "Name, kind, role, grants, token scope, and whether the password must change." }, 401: error("Not signed in.") },
});

export const passwordRoute = declareRoute({
  method: "POST",
  path: "/api/auth/password",
  permission: "signed-in",
  action: "auth.change-password",
  summary: "Change one's password",
  description: "The current password is required; the user's other sessions end.",
  body: passwordChangeSchema,
  responses: { 200: { description: "Changed." }, 401: error("Not signed in."), 422: error("Wrong current password, or a new one too short.") },
});

export const oidcLoginRoute = declareRoute({
  method: "GET",
  path: "/api/auth/oidc/login",
  permission: "anonymous",
  note: "Starts single sign-on: redirects to the identity provider.",
  summary: "Start single sign-on",
  query: z.object({ next: z.string().max(2000).optional().meta({ description: "The local path to return to after signing in." }) }),
  responses: { 302: { description: "To the identity provider; the attempt is bound to this browser by a cookie." }, 404: error("Single sign-on is not configured.") },
});

export const oidcCallbackRoute = declareRoute({
  method: "GET",
  path: "/api/auth/oidc/callback",
  permission: "anonymous",
  note: "The identity provider's redirect back; state, nonce, PKCE and the ID token are checked.",
  action: "auth.sso",
  summary: "The identity provider's redirect back",
  responses: { 303: { description: "Signed in and on to where the user was headed; or, on failure, to the sign-in page with the error." } },
});
