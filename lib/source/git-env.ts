/**
 * The environment every `git` child gets: the parent's, minus variables that
 * would point git at another repository, plus no prompting of any kind, a
 * protocol allow-list, no system or user configuration (whose `url.*.insteadOf`,
 * helpers or hooks Lockstep does not control), no Git LFS downloads, and —
 * when the URL carried credentials — an inline
 * credential helper that reads them from the environment, so they appear
 * neither in argv (visible in `ps`) nor in the URL git echoes back.
 */
import type { RepoCredentials } from "./repo-url";

const CREDENTIAL_HELPER =
  '!f() { test "$1" = get && printf "username=%s\\npassword=%s\\n" "$LOCKSTEP_GIT_USERNAME" "$LOCKSTEP_GIT_PASSWORD"; }; f';

const REPOSITORY_VARIABLES = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_OBJECT_DIRECTORY",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_NAMESPACE",
  "GIT_COMMON_DIR",
  "GIT_CONFIG_COUNT",
  "GIT_CONFIG_PARAMETERS",
];

/**
 * Transports Lockstep lets git use: those an app's repository URL may have (http(s), ssh,
 * file) — `file` also carries checkouts made from the local mirror. Neither `ext::` (runs
 * commands) nor the unauthenticated `git://` is among them.
 */
export const ALLOWED_GIT_PROTOCOLS = "http:https:ssh:file";

/**
 * Variables every git process, and every renderer that may run git, gets: no prompts, no
 * system or global configuration, and no Git LFS content fetched on checkout.
 */
export const GIT_HARDENING: Readonly<Record<string, string>> = {
  GIT_TERMINAL_PROMPT: "0",
  GIT_ASKPASS: "",
  SSH_ASKPASS: "",
  GCM_INTERACTIVE: "never",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_LFS_SKIP_SMUDGE: "1",
};

/** Options for {@link gitEnv}. */
export interface GitEnvOptions {
  /** Credentials to answer an HTTP 401 with. */
  credentials?: RepoCredentials;
  /** Further variables, e.g. `GIT_INDEX_FILE` for a throwaway index. */
  extra?: Readonly<Record<string, string>>;
}

/** Builds the environment for one `git` invocation. */
export function gitEnv(options: GitEnvOptions = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of REPOSITORY_VARIABLES) delete env[name];
  for (const name of Object.keys(env)) if (/^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(name)) delete env[name];
  Object.assign(env, GIT_HARDENING, { GIT_ALLOW_PROTOCOL: ALLOWED_GIT_PROTOCOLS, LC_ALL: "C" });
  const { credentials } = options;
  if (credentials) {
    Object.assign(env, {
      GIT_CONFIG_COUNT: "2",
      GIT_CONFIG_KEY_0: "credential.helper",
      GIT_CONFIG_VALUE_0: "",
      GIT_CONFIG_KEY_1: "credential.helper",
      GIT_CONFIG_VALUE_1: CREDENTIAL_HELPER,
      LOCKSTEP_GIT_USERNAME: credentials.username,
      LOCKSTEP_GIT_PASSWORD: credentials.password,
    });
  }
  return { ...env, ...options.extra };
}
