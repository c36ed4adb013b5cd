/**
 * Environment for a `git` client (clone, fetch, push, ls-remote) talking to the
 * fixture server: hermetic, never prompting, and — when credentials are given —
 * answering git's credential request from an inline credential helper that
 * reads them from the environment, so they appear neither in argv nor in URLs.
 */
import type { BasicCredentials } from "./basic-auth";
import { configEnv, isolatedGitEnv, type GitEnv } from "./git-env";

const CREDENTIAL_HELPER =
  '!f() { test "$1" = get || return 0; printf "username=%s\\npassword=%s\\n" "$LOCKSTEP_GIT_USERNAME" "$LOCKSTEP_GIT_PASSWORD"; }; f';

/** Options for {@link gitClientEnv}. */
export interface GitClientEnvOptions {
  /** Basic-auth credentials git should answer a 401 with. */
  credentials?: BasicCredentials;
  /** Further configuration, as `git -c key=value` would set it. */
  config?: Readonly<Record<string, string>>;
}

/**
 * A complete environment for spawning `git` as a client: no user or system
 * config, `GIT_TERMINAL_PROMPT=0` so a missing credential fails instead of
 * hanging, and optionally a credential helper plus extra config.
 */
export function gitClientEnv(options: GitClientEnvOptions = {}): GitEnv {
  const { credentials } = options;
  const config = { ...(credentials ? { "credential.helper": CREDENTIAL_HELPER } : {}), ...options.config };
  return {
    ...isolatedGitEnv(),
    ...configEnv(config),
    ...(credentials
      ? { LOCKSTEP_GIT_USERNAME: credentials.username, LOCKSTEP_GIT_PASSWORD: credentials.password }
      : {}),
  };
}
