/**
 * The auth room as one object: authentication, password sign-in (with its rate limiters as
 * instance state), sessions, accounts, API tokens, the first-start admin and single sign-on,
 * all on the database and environment it is built from. Pure parts — password hashing,
 * cookies, schemas, roles, `authorize`, globs, route patterns, the policy — stay plain
 * functions in their modules.
 */
import { createAccounts } from "./accounts";
import { createTokenIssuer } from "./api-tokens";
import { createAuthenticator } from "./authenticate";
import { createBootstrap } from "./bootstrap";
import { resolveAuthDependencies, type AuthDependencies } from "./dependencies";
import { createOidcFlow } from "./oidc/flow";
import { createPasswordHasher } from "./password";
import { createSignInLimiter } from "./rate-limit";
import { createSignIn } from "./sign-in";

/** Builds an Auth on its dependencies; two Auths share nothing (not even failure counts or hashing turns). */
export function createAuth(dependencies: AuthDependencies) {
  const deps = resolveAuthDependencies(dependencies);
  const limiter = createSignInLimiter();
  const hasher = createPasswordHasher();
  const signIn = createSignIn({ ...deps, limiter, hasher });
  return {
    ...createAuthenticator(deps),
    ...signIn,
    ...createAccounts({ ...deps, hasher }),
    ...createTokenIssuer(deps),
    ...createBootstrap({ ...deps, hasher }),
    ...createOidcFlow({ ...deps, startSession: signIn.startSession }),
    /** The password sign-in limiter, with its counts per account and per address. */
    limiter,
  };
}

/** The auth room: see {@link createAuth}. */
export type Auth = ReturnType<typeof createAuth>;
