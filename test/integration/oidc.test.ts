/**
 * Single sign-on through a real (test) OpenID Connect provider: the authorization-code flow
 * with PKCE, groups mapped to roles, and the callbacks it must refuse.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { api } from "../helpers/lockstep-api";
import { startOidcProvider, type OidcProvider } from "../helpers/oidc-provider";
import { startWebServer, type WebServer } from "../helpers/web-server";

function cookieOf(response: Response, name: string): string | undefined {
  return response.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(";")[0];
}

describe("single sign-on with OpenID Connect", () => {
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
        LOCKSTEP_OIDC_ROLE_MAP: "ops=admin; devs=deployer:team-a-*; staff=viewer",
      },
    });
  });

  afterAll(async () => {
    await web?.stop();
    await provider?.close();
  });

  /** Runs the browser's side of the flow; answers the final redirect. */
  async function signInThroughProvider(options: { keepStateCookie?: boolean } = {}): Promise<Response> {
    const start = await fetch(`${web.url}/api/auth/oidc/login?next=%2Faudit`, { redirect: "manual" });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get("location")!);
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    const stateCookie = cookieOf(start, "lockstep_oidc_state")!;
    const back = await fetch(authorize, { redirect: "manual" });
    const callback = back.headers.get("location")!;
    return fetch(callback, { redirect: "manual", headers: options.keepStateCookie === false ? {} : { cookie: stateCookie } });
  }

  it("signs a user in with the role and grants their groups map to, and goes where they were headed", async () => {
    provider.nextUser = { sub: "u-1", preferred_username: "Dev.One", groups: ["devs", "staff"] };
    const done = await signInThroughProvider();
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`${web.url}/audit`);
    const session = cookieOf(done, "lockstep_session")!;
    const me = await api(web.url, "GET", "/api/auth/me", undefined, { token: null, headers: { cookie: session } });
    expect(me.body).toMatchObject({ name: "dev.one", kind: "user", role: "deployer", grants: ["team-a-*"], mustChangePassword: false });
    const users = await api<{ name: string; source: string; hasPassword: boolean }[]>(web.url, "GET", "/api/users");
    expect(users.body.find((u) => u.name === "dev.one")).toMatchObject({ source: "oidc", hasPassword: false });
    await expect.poll(async () => (await api<{ entries: { actor: string }[] }>(web.url, "GET", "/api/audit?action=auth.sso&result=succeeded")).body.entries[0]?.actor).toBe("dev.one");
  });

  it("updates the role at each sign-in as the groups change", async () => {
    provider.nextUser = { sub: "u-1", preferred_username: "dev.one", groups: ["ops"] };
    const session = cookieOf(await signInThroughProvider(), "lockstep_session")!;
    expect((await api(web.url, "GET", "/api/auth/me", undefined, { token: null, headers: { cookie: session } })).body).toMatchObject({ role: "admin" });
  });

  it("refuses a user whose groups map to no role", async () => {
    provider.nextUser = { sub: "u-2", preferred_username: "visitor", groups: ["guests"] };
    const done = await signInThroughProvider();
    expect(done.headers.get("location")).toMatch(/\/login\?error=sso-no-role$/);
    expect(cookieOf(done, "lockstep_session")).toBeUndefined();
  });

  it("refuses a callback from another browser (no state cookie) and an ID token signed with another key", async () => {
    provider.nextUser = { sub: "u-3", preferred_username: "mallory", groups: ["ops"] };
    const stolen = await signInThroughProvider({ keepStateCookie: false });
    expect(stolen.headers.get("location")).toMatch(/\/login\?error=sso-state$/);
    provider.forgeSignatures = true;
    try {
      const forged = await signInThroughProvider();
      expect(forged.headers.get("location")).toMatch(/\/login\?error=sso-failed$/);
      expect(cookieOf(forged, "lockstep_session")).toBeUndefined();
    } finally {
      provider.forgeSignatures = false;
    }
  });

  it("does not let single sign-on take over a local account of the same name", async () => {
    provider.nextUser = { sub: "u-4", preferred_username: "admin", groups: ["ops"] };
    const done = await signInThroughProvider();
    expect(done.headers.get("location")).toMatch(/\/login\?error=sso-local-account$/);
  });

  it("offers single sign-on on the sign-in page", async () => {
    expect(await (await fetch(`${web.url}/login`)).text()).toContain("Sign in with single sign-on");
  });
});
