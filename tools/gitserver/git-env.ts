/**
 * Environment variables that make a `git` child process hermetic: no system or
 * user configuration, no terminal prompts, English messages, and a fixed identity
 * so that fixture commits get the same SHA on every run.
 */

/** Environment variables for a `git` child process; every value is set. */
export type GitEnv = Readonly<Record<string, string>>;

/**
 * Hands a {@link GitEnv} to `child_process.spawn`. The cast is needed only
 * because Next.js's global types declare `NODE_ENV` as required on
 * `NodeJS.ProcessEnv`, which a deliberately minimal child environment lacks.
 */
export function toSpawnEnv(env: GitEnv): NodeJS.ProcessEnv {
  return { ...env } as NodeJS.ProcessEnv;
}

/** Who a fixture commit is attributed to (author and committer alike). */
export interface GitIdentity {
  /** Display name, e.g. `Lockstep Fixtures`. */
  name: string;
  /** E-mail address, e.g. `fixtures@lockstep.test`. */
  email: string;
}

/** The identity fixture commits use unless told otherwise. */
export const DEFAULT_IDENTITY: GitIdentity = {
  name: "Lockstep Fixtures",
  email: "fixtures@lockstep.test",
};

/** The timestamp fixture commits use unless told otherwise: 2025-01-01T00:00:00Z. */
export const DEFAULT_COMMIT_DATE = new Date("2025-01-01T00:00:00Z");

/**
 * A minimal environment for running `git` that ignores `/etc/gitconfig` and
 * `~/.gitconfig`, never prompts for credentials, and keeps only `PATH` from the
 * parent process (so no ambient `GIT_*` variable leaks in).
 */
export function isolatedGitEnv(): GitEnv {
  return {
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    LANG: "C",
    LC_ALL: "C",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
  };
}

/**
 * Author and committer variables for `git commit-tree`, so a commit's SHA depends
 * only on its tree, parents, message, identity and date.
 */
export function identityEnv(identity: GitIdentity, date: Date): GitEnv {
  const gitDate = `@${Math.floor(date.getTime() / 1000)} +0000`;
  return {
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_AUTHOR_DATE: gitDate,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email,
    GIT_COMMITTER_DATE: gitDate,
  };
}

/**
 * Encodes configuration as `GIT_CONFIG_COUNT` / `GIT_CONFIG_KEY_n` /
 * `GIT_CONFIG_VALUE_n` (git ≥ 2.31), the way `git -c` would, but without putting
 * values on the command line where `ps` can see them.
 */
export function configEnv(config: Readonly<Record<string, string>>): GitEnv {
  const entries = Object.entries(config);
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(entries.length) };
  entries.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  return env;
}
