/**
 * The OpenID Connect authorization-code flow with PKCE, by `openid-client`: the sign-in
 * redirect (state, nonce and code verifier kept server-side for ten minutes, the state also in
 * a cookie bound to the browser) and the callback (code exchange; the ID token's signature
 * against the issuer's JWKS — non-repudiation checks on, not only TLS — issuer, audience,
 * expiry and nonce checked by openid-client), which finds the SSO user by the token's issuer
 * and subject (identity.ts; never by name), makes or updates it with the role its groups map to,
 * keeps those groups (project roles bind them) and starts a session. The pending sign-ins
 * (pending.ts: expiring, at most a thousand) and the discovered issuer metadata belong to the
 * flow object (one per Auth). Failures carry fixed codes (failures.ts) for the sign-in page.
 */
import * as client from "openid-client";
import type { ResolvedAuthDependencies } from "../dependencies";
import { UnauthorizedError } from "../errors";
import { isErrorOfKind } from "@/lib/errors";
import type { NewSession } from "../sign-in";
import type { UserRecord } from "@/lib/db/users";
import { oidcConfig, roleForGroups, type OidcConfig } from "./config";
import { SignInFailure } from "./failures";
import { identityFromClaims } from "./identity";
import { createPendingSignIns } from "./pending";
import { upsertSsoUser } from "./sso-user";

/** What the flow needs beyond the auth dependencies: how to start a session once the user is known. */
export interface OidcFlowDependencies extends ResolvedAuthDependencies {
  startSession: (user: UserRecord, options: { address?: string }) => Promise<NewSession>;
}

/** The single sign-on flow, holding its pending sign-ins and the issuer's discovered metadata. */
export function createOidcFlow({ db, env, clock, startSession }: OidcFlowDependencies) {
  const pending = createPendingSignIns({ clock });
  let discovered: { key: string; value: Promise<client.Configuration> } | undefined;

  function requireConfig(): OidcConfig {
    const config = oidcConfig(env);
    if (!config) throw new UnauthorizedError("Single sign-on is not configured.");
    return config;
  }

  /** The issuer's metadata, discovered once per configuration. */
  function configuration(config: OidcConfig): Promise<client.Configuration> {
    const key = `${config.issuer} ${config.clientId}`;
    if (discovered?.key === key) return discovered.value;
    const value = client
      .discovery(new URL(config.issuer), config.clientId, config.clientSecret, undefined, config.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined)
      .then((found) => {
        client.enableNonRepudiationChecks(found);
        return found;
      });
    value.catch(() => {
      if (discovered?.value === value) discovered = undefined;
    });
    discovered = { key, value };
    return value;
  }

  /** True when single sign-on is configured. */
  function isOidcConfigured(): boolean {
    return oidcConfig(env) !== undefined;
  }

  /** Where the identity provider sends the browser back to. */
  function redirectUriFor(origin: string): string {
    return oidcConfig(env)?.redirectUrl ?? `${origin}/api/auth/oidc/callback`;
  }

  /** Starts a sign-in: answers the identity provider's URL and the state to keep in `OIDC_STATE_COOKIE` (cookies.ts). */
  async function beginOidcSignIn(options: { origin: string; next: string }): Promise<{ url: string; state: string }> {
    const config = requireConfig();
    const verifier = client.randomPKCECodeVerifier();
    const nonce = client.randomNonce();
    const expectedState = client.randomState();
    const redirectUri = redirectUriFor(options.origin);
    pending.add(expectedState, { verifier, nonce, next: options.next, redirectUri });
    const url = client.buildAuthorizationUrl(await configuration(config), {
      redirect_uri: redirectUri,
      scope: config.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state: expectedState,
      nonce,
    });
    return { url: url.href, state: expectedState };
  }

  /**
   * Completes a sign-in from the provider's redirect (`search` is the callback's query string),
   * for the browser holding `cookieState`; answers the new session and where to go.
   * @throws SignInFailure with its code: `sso-state` for a forged, replayed or expired callback,
   *   `sso-refused` or `sso-failed` for a refusal or a rejected token, `sso-no-name`,
   *   `sso-no-role` or `sso-local-account` (forbidden) for a user Lockstep will not take.
   */
  async function completeOidcSignIn(options: { search: string; cookieState: string | undefined; address: string }): Promise<{ session: NewSession; next: string }> {
    const config = requireConfig();
    const params = new URLSearchParams(options.search);
    const returnedState = params.get("state") ?? "";
    const started = pending.take(returnedState);
    if (!started || !options.cookieState || options.cookieState !== returnedState) throw new SignInFailure("sso-state");
    if (params.get("error")) throw new SignInFailure("sso-refused", `The identity provider refused the sign-in: ${(params.get("error_description") ?? params.get("error"))!.slice(0, 200)}`);
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(await configuration(config), new URL(`${started.redirectUri}?${params}`), {
        pkceCodeVerifier: started.verifier,
        expectedState: returnedState,
        expectedNonce: started.nonce,
        idTokenExpected: true,
      });
      claims = (tokens.claims() ?? {}) as Record<string, unknown>;
    } catch (error) {
      throw new SignInFailure("sso-failed", `Single sign-on failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const mapping = identityFromClaims(claims);
    if (!mapping.ok) throw new SignInFailure("sso-no-name", mapping.reason, { kind: "forbidden" });
    const groupsClaim = claims[config.groupsClaim];
    const groups = Array.isArray(groupsClaim) ? groupsClaim.filter((g): g is string => typeof g === "string") : [];
    const access = roleForGroups(groups, config.roleMappings);
    if (!access) throw new SignInFailure("sso-no-role", undefined, { kind: "forbidden" });
    const user = await upsertSsoUser(db.users, mapping.identity, { role: access.role, grants: access.grants, groups }).catch((error: unknown) => {
      if (isErrorOfKind(error, "forbidden")) throw new SignInFailure("sso-local-account", error.message, { kind: "forbidden", cause: error });
      throw error;
    });
    return { session: await startSession(user, { address: options.address }), next: started.next };
  }

  return { beginOidcSignIn, completeOidcSignIn, redirectUriFor, isOidcConfigured };
}
