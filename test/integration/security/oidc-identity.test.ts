/**
 * Attack: single sign-on keyed on a name the identity provider lets people choose. Two
 * identities with the same `preferred_username` (or an unverified email) used to become one
 * Lockstep user, the second inheriting the first's role. Lockstep keys SSO users on the
 * token's issuer and subject, derives a free name for a second identity with a taken name, and
 * refuses an unverified email as the name.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { api } from "../../helpers/lockstep-api";
import { startOidcProvider, type OidcProvider, type ProviderUser } from "../../helpers/oidc-provider";
import { startWebServer, type WebServer } from "../../helpers/web-server";

function cookieOf(response: Response, name: string): string | undefined {
  return response.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(";")[0];
}

describe("single sign-on identities", () => {
  let provider: OidcProvider;
  let web: WebServer;

  beforeAll(async () => {
    provider = await startOidcProvider();
    web = await startWebServer({
      kubeconfig: inject("kubeconfig"),
      env: {
        LOCKSTEP_RECONCILER: "off",
        LOCKSTEP_OIDC_ISSUER: provider.issuer,
        LOCKSTEP_OIDC_CLIENT_ID: provider.clientId,
        LOCKSTEP_OIDC_CLIENT_SECRET: provider.clientSecret,
        LOCKSTEP_OIDC_ALLOW_HTTP: "true",
        LOCKSTEP_OIDC_ROLE_MAP: "ops=admin; staff=viewer",
      },
    });
  });

  afterAll(async () => {
    await web?.stop();
    await provider?.close();
  });

  /** Signs `user` in through the provider as a browser would; answers the final redirect. */
  async function signIn(user: ProviderUser): Promise<Response> {
    provider.nextUser = user;
    const start = await fetch(`${web.url}/api/auth/oidc/login?next=%2F`, { redirect: "manual" });
    const stateCookie = cookieOf(start, "lockstep_oidc_state")!;
    const back = await fetch(start.headers.get("location")!, { redirect: "manual" });
    return fetch(back.headers.get("location")!, { redirect: "manual", headers: { cookie: stateCookie } });
  }

  /** Who the session a sign-in started belongs to. */
  async function whoAmI(done: Response): Promise<{ name: string; role: string }> {
    const session = cookieOf(done, "lockstep_session");
    expect(session, decodeURIComponent(done.headers.get("location") ?? "")).toBeDefined();
    return (await api<{ name: string; role: string }>(web.url, "GET", "/api/auth/me", undefined, { token: null, headers: { cookie: session! } })).body;
  }

  it("keeps two identities with the same preferred_username as two users, each with its own role", async () => {
    expect(await whoAmI(await signIn({ sub: "twin-a", preferred_username: "twin", groups: ["ops"] }))).toMatchObject({ name: "twin", role: "admin" });
    const second = await whoAmI(await signIn({ sub: "twin-b", preferred_username: "twin", groups: ["staff"] }));
    expect(second).toMatchObject({ name: "twin-2", role: "viewer" });

    const users = (await api<{ name: string; role: string; source: string }[]>(web.url, "GET", "/api/users")).body;
    expect(users.filter((u) => u.name.startsWith("twin")).map(({ name, role, source }) => ({ name, role, source }))).toEqual([
      { name: "twin", role: "admin", source: "oidc" },
      { name: "twin-2", role: "viewer", source: "oidc" },
    ]);
    expect(await whoAmI(await signIn({ sub: "twin-a", preferred_username: "twin", groups: ["ops"] }))).toMatchObject({ name: "twin", role: "admin" });
  });

  it("refuses an identity whose only name is an email the provider did not verify", async () => {
    const done = await signIn({ sub: "mail-only", email: "boss@example.com", groups: ["ops"] });
    expect(done.headers.get("location")).toContain("/login?error=");
    expect(done.headers.get("location")).toMatch(/\/login\?error=sso-no-name$/);
    expect(cookieOf(done, "lockstep_session")).toBeUndefined();
    expect((await api<{ name: string }[]>(web.url, "GET", "/api/users")).body.map((u) => u.name)).not.toContain("boss@example.com");

    expect(await whoAmI(await signIn({ sub: "mail-verified", email: "ann@example.com", email_verified: true, groups: ["staff"] }))).toMatchObject({
      name: "ann@example.com",
      role: "viewer",
    });
  });
});
