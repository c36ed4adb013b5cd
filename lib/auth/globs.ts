/**
 * App name globs, as grants and token scopes use them: `*` matches any run of characters,
 * `?` one character; everything else matches itself. `guestbook`, `team-a-*`, `*`.
 */

function toRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}

/** True when `name` matches `glob`. */
export function matchesGlob(name: string, glob: string): boolean {
  return toRegExp(glob).test(name);
}

/** True when `name` matches at least one of `globs`. */
export function matchesAnyGlob(name: string, globs: readonly string[]): boolean {
  return globs.some((glob) => matchesGlob(name, glob));
}

/** A valid glob: DNS-1123 characters plus `*` and `?`, 1 to 63 characters. */
export const APP_GLOB = /^[a-z0-9*?]([-a-z0-9*?]{0,61}[a-z0-9*?])?$/;
