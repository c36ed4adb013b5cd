/**
 * Allow/deny pattern lists, as a project's `sourceRepos` and window `apps` use them: a value
 * is permitted when some allow pattern matches it and no `!` pattern does — deny beats allow,
 * as in Argo CD's AppProject. Patterns are the globs of lib/auth/globs (`*` any run of
 * characters, `?` one character).
 */
import { matchesGlob } from "@/lib/auth/globs";
import { repoMatchKey } from "@/lib/source/repo-location";

/** True for a deny pattern (`!kube-*`). */
export function isDenyPattern(pattern: string): boolean {
  return pattern.startsWith("!");
}

/**
 * True when `value` matches at least one allow pattern and no deny pattern of `patterns`.
 * A list with only deny patterns permits nothing, and neither does an empty one.
 */
export function matchesPatterns(value: string, patterns: readonly string[]): boolean {
  let allowed = false;
  for (const pattern of patterns) {
    if (isDenyPattern(pattern)) {
      if (matchesGlob(value, pattern.slice(1))) return false;
    } else if (!allowed && matchesGlob(value, pattern)) {
      allowed = true;
    }
  }
  return allowed;
}

/**
 * {@link matchesPatterns} for repository URLs: the URL and each pattern are first reduced to
 * host and path (lib/source's `repoMatchKey`), so `https://git.example/org/app.git/`,
 * `https://git.example/org/app` and `git@git.example:org/app` all match
 * `https://git.example/org/*`, whatever transport or spelling either side uses.
 */
export function matchesRepoPatterns(repoUrl: string, patterns: readonly string[]): boolean {
  const keys = patterns.map((pattern) => (isDenyPattern(pattern) ? `!${repoPatternKey(pattern.slice(1))}` : repoPatternKey(pattern)));
  return matchesPatterns(repoKey(repoUrl), keys);
}

/** The comparable form of a repository URL; text that is no URL is compared lower-cased as written. */
function repoKey(repoUrl: string): string {
  return repoMatchKey(repoUrl) ?? repoUrl.trim().toLowerCase();
}

const STAR = "lockstepglobstar";
const ANY_CHAR = "lockstepglobanychar";

/**
 * The comparable form of a repository pattern. The wildcards are swapped for letters while the
 * URL is parsed (a `?` would otherwise start a query string), then put back; a pattern that is
 * no URL, such as `*`, is kept as written.
 */
function repoPatternKey(pattern: string): string {
  const key = repoMatchKey(pattern.replaceAll("*", STAR).replaceAll("?", ANY_CHAR));
  if (key === undefined) return pattern.trim().toLowerCase();
  return key.replaceAll(STAR, "*").replaceAll(ANY_CHAR, "?");
}
