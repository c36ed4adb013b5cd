/**
 * Response headers that make the browser refuse what the app never does: run scripts it did
 * not send with this response's nonce, be framed by another site, guess content types, or
 * leak full URLs to other sites.
 */

/** Options of {@link pageContentSecurityPolicy}. */
export interface PolicyOptions {
  /** The per-response nonce Next.js puts on its own scripts. */
  nonce: string;
  /** Development needs `eval` for React's tooling. @default false */
  development?: boolean;
}

/**
 * The Content-Security-Policy of an HTML page: scripts only with this response's nonce (and
 * what they load, `strict-dynamic`), styles from the app (inline `style` attributes allowed,
 * which React uses), no plugins, no framing, forms and links only to the app itself.
 */
export function pageContentSecurityPolicy(options: PolicyOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The Content-Security-Policy of a JSON or event-stream answer: nothing may run or frame it. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Headers every response carries (static files get them from next.config.js). */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** HSTS for responses served over HTTPS: one year, subdomains included. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";
