/**
 * Keeps credentials out of messages and logs: git echoes the URLs it was given,
 * and a repository URL may carry `user:password@` or a token as its user name.
 */

const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@'"]*(?:@[^\s/?#@'"]*)*@/gi;

/** Options for {@link redactCredentials}. */
export interface RedactOptions {
  /** Literal secrets (passwords, tokens) to remove wherever they appear, URL or not. */
  secrets?: readonly string[];
}

/**
 * Removes the user-info part (`user:pass@`, `token@`) of every URL in `text`, and
 * every literal secret given, so the result is safe to show or log.
 * @example redactCredentials("fatal: unable to access 'https://bob:s3cret@git.example/x.git/'")
 * // → "fatal: unable to access 'https://git.example/x.git/'"
 */
export function redactCredentials(text: string, options: RedactOptions = {}): string {
  let result = text.replace(URL_USERINFO, "$1");
  for (const secret of options.secrets ?? []) {
    if (secret.length > 0) result = result.split(secret).join("***");
  }
  return result;
}
