/** The OpenAPI description of sign-in, users, API tokens and the audit log, and of how to authenticate. */

const json = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
const error = (description: string) => ({ description, content: json("Error") });
const body = (ref: string) => ({ required: true, content: json(ref) });
const anonymous: unknown[] = [];

/** How callers authenticate: an API token (automation) or the session cookie (browsers). */
export const authSecuritySchemes = {
  apiToken: { type: "http", scheme: "bearer", description: "An API token (lsp_…) made by an admin on the Tokens page or with POST /api/tokens." },
  session: { type: "apiKey", in: "cookie", name: "lockstep_session", description: "The session cookie set by POST /api/auth/login. Mutations must come from this site (Origin)." },
};

/** Every operation needs one of the schemes unless it says otherwise. */
export const defaultSecurity = [{ apiToken: [] }, { session: [] }];

/** Paths of sign-in, users, tokens and audit. */
export const authPaths = {
  "/api/auth/login": {
    post: {
      summary: "Sign in with a user name and password",
      security: anonymous,
      requestBody: body("SignIn"),
      responses: { "200": { description: "Signed in; the session cookie is set." }, "401": error("Wrong user name or password."), "429": error("Too many failed sign-ins; see Retry-After.") },
    },
  },
  "/api/auth/logout": { post: { summary: "Sign out (end the cookie's session)", security: anonymous, responses: { "204": { description: "Signed out; the cookie is cleared." } } } },
  "/api/auth/me": { get: { summary: "Who the caller is", responses: { "200": { description: "Name, kind, role, grants, token scope." }, "401": error("Not signed in.") } } },
  "/api/auth/password": {
    post: { summary: "Change one's password", requestBody: body("PasswordChange"), responses: { "200": { description: "Changed; other sessions ended." }, "422": error("Wrong current password, or a new one too short.") } },
  },
  "/api/users": {
    get: { summary: "List users (admin)", responses: { "200": { description: "Users, without password hashes." }, "403": error("Not an admin.") } },
    post: { summary: "Create a user (admin)", requestBody: body("NewUser"), responses: { "201": { description: "The user, and a generated first password when none was given." }, "409": error("Name taken."), "422": error("Invalid fields.") } },
  },
  "/api/users/{user}": {
    parameters: [{ name: "user", in: "path", required: true, schema: { type: "string" } }],
    patch: { summary: "Change a user's role or grants, or reset the password (admin)", requestBody: body("UserUpdate"), responses: { "200": { description: "The user (and a new password on reset)." }, "404": error("No such user."), "409": error("The last admin.") } },
    delete: { summary: "Delete a user (admin)", responses: { "204": { description: "Deleted." }, "404": error("No such user."), "409": error("The last admin.") } },
  },
  "/api/tokens": {
    get: { summary: "List API tokens (admin)", responses: { "200": { description: "Tokens, without their values." } } },
    post: { summary: "Create an API token (admin)", requestBody: body("NewToken"), responses: { "201": { description: "The token and its value, shown only in this answer." }, "422": error("Invalid fields.") } },
  },
  "/api/tokens/{id}": {
    parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
    delete: { summary: "Revoke an API token (admin)", responses: { "204": { description: "Revoked." }, "404": error("No such token.") } },
  },
  "/api/audit": {
    get: {
      summary: "The audit log, newest first (read-only)",
      parameters: ["actor", "app", "action", "result", "since", "until", "limit", "offset"].map((name) => ({ name, in: "query", schema: { type: "string" } })).concat([{ name: "format", in: "query", schema: { enum: ["json", "csv"] } } as never]),
      responses: { "200": { description: "Entries and total (JSON), or a CSV download." } },
    },
  },
};

/** Schemas of the bodies above. */
export function authSchemas(): Record<string, unknown> {
  const role = { enum: ["viewer", "deployer", "admin"] };
  const globs = { type: "array", items: { type: "string" }, description: "App names; * and ? match characters." };
  return {
    SignIn: { type: "object", required: ["username", "password"], properties: { username: { type: "string" }, password: { type: "string" } } },
    PasswordChange: { type: "object", required: ["currentPassword", "newPassword"], properties: { currentPassword: { type: "string" }, newPassword: { type: "string", minLength: 12 } } },
    NewUser: { type: "object", required: ["name", "role"], properties: { name: { type: "string" }, role, grants: globs, password: { type: "string" } } },
    UserUpdate: { type: "object", properties: { role, grants: globs, resetPassword: { type: "boolean" } } },
    NewToken: { type: "object", required: ["name", "role"], properties: { name: { type: "string" }, role, apps: { ...globs, type: ["array", "null"] }, expiresInDays: { type: "integer", minimum: 1, maximum: 366, default: 90 } } },
  };
}
