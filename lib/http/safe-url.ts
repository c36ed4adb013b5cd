/** URLs taken from users or repositories, made safe to put in a page. */

/**
 * The URL when it is an absolute `http:` or `https:` URL without credentials, else undefined —
 * so a `javascript:`, `data:` or `file:` URL is never rendered as a link.
 */
export function safeHttpUrl(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  if (url.username || url.password) return undefined;
  return url.toString();
}

/** A same-site path to go to after signing in: a path starting with one `/`, else `/` (no open redirects). */
export function safeLocalPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\") || /[\r\n\t]/.test(value)) return "/";
  return value;
}
