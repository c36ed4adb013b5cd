/**
 * Signing in to a test server over HTTP: with a password (a session cookie), and making API
 * tokens and users for tests of roles.
 */

/** Where a test server is and how to reach it as its admin. */
export interface AuthTarget {
  url: string;
  adminToken?: string;
}

/** Signs in with a password; answers the `Cookie` header value of the session. */
export async function signInApi(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`Signing in as ${username} answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("lockstep_session="));
  if (!cookie) throw new Error("Signing in set no session cookie.");
  return cookie.split(";")[0]!;
}

/** What a test token is for. */
export interface TokenSpec {
  name: string;
  role: "viewer" | "deployer" | "admin";
  apps?: string[] | null;
  projects?: string[] | null;
  expiresInDays?: number;
}

/** Creates an API token with the admin token (or a session cookie) and answers its value. */
export async function createTokenApi(baseUrl: string, auth: { token: string } | { cookie: string }, spec: TokenSpec): Promise<string> {
  const credentials: Record<string, string> = "token" in auth ? { authorization: `Bearer ${auth.token}` } : { cookie: auth.cookie, origin: baseUrl };
  const response = await fetch(`${baseUrl}/api/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", ...credentials },
    body: JSON.stringify({ expiresInDays: 1, ...spec }),
  });
  if (response.status !== 201) throw new Error(`Creating the token ${spec.name} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { value: string }).value;
}

/**
 * Signs in as `admin` with its known password and makes an admin API token for the test
 * helpers. Answers undefined when the server has no sign-in (a build without it).
 */
export async function bootstrapAdminToken(baseUrl: string, password: string): Promise<string | undefined> {
  const probe = await fetch(`${baseUrl}/api/auth/me`);
  if (probe.status === 404) return undefined;
  const cookie = await signInApi(baseUrl, "admin", password);
  return createTokenApi(baseUrl, { cookie }, { name: "test-admin", role: "admin" });
}

/** A user made for a test, with a password already changed, so it may do what its role allows. */
export interface TestUser {
  name: string;
  password: string;
  /** An API token of the same role and grants. */
  token: string;
  /** The `Cookie` header value of a session. */
  cookie: string;
}

/** Creates a user with a role (deployer grants, a project limit), changes its first password, signs it in and makes it a token. */
export async function createTestUser(target: AuthTarget, user: { name: string; role: "viewer" | "deployer" | "admin"; grants?: string[]; projects?: string[] }): Promise<TestUser> {
  if (!target.adminToken) throw new Error("The server has no admin token; was it started with sign-in?");
  const first = `first-${user.name}-password`;
  const password = `${user.name}-chosen-password`;
  const created = await fetch(`${target.url}/api/users`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${target.adminToken}` },
    body: JSON.stringify({ name: user.name, role: user.role, grants: user.grants ?? [], ...(user.projects ? { projects: user.projects } : {}), password: first }),
  });
  if (created.status !== 201) throw new Error(`Creating user ${user.name} answered ${created.status}: ${await created.text()}`);
  const firstCookie = await signInApi(target.url, user.name, first);
  const changed = await fetch(`${target.url}/api/auth/password`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: firstCookie, origin: target.url },
    body: JSON.stringify({ currentPassword: first, newPassword: password }),
  });
  if (!changed.ok) throw new Error(`Changing ${user.name}'s password answered ${changed.status}: ${await changed.text()}`);
  const token = await createTokenApi(target.url, { token: target.adminToken }, {
    name: `${user.name}-token`,
    role: user.role,
    apps: user.role === "deployer" && user.grants?.length ? user.grants : null,
    ...(user.projects ? { projects: user.projects } : {}),
  });
  return { name: user.name, password, token, cookie: firstCookie };
}
