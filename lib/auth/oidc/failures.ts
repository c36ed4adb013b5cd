/**
 * Why a single sign-on failed, as fixed codes. The callback redirects to `/login?error=<code>`
 * and the sign-in page shows the code's fixed sentence, so no text from the identity provider
 * or from the URL is ever shown (a crafted `/login?error=` link cannot put words in Lockstep's
 * mouth). The detailed message stays in the audit log.
 */
import { DomainError, type DomainErrorKind, type DomainErrorOptions } from "@/lib/errors";

/** The sentence of each failure code. */
export const SIGN_IN_FAILURES = {
  "sso-state": "This sign-in link is invalid or expired; start signing in again.",
  "sso-refused": "The identity provider refused the sign-in.",
  "sso-failed": "Single sign-on failed; the server log has the details.",
  "sso-no-name": "The identity provider gave no usable user name.",
  "sso-no-role": "Your groups give you no role in Lockstep; ask an administrator.",
  "sso-local-account": "A local account has this name; single sign-on may not take it over.",
} as const;

/** A failure code of single sign-on. */
export type SignInFailureCode = keyof typeof SIGN_IN_FAILURES;

/** The sentence shown for any code that is not one of ours. */
export const UNKNOWN_FAILURE = "Signing in failed; try again.";

/** The fixed sentence of an `error` query value; undefined when there is none. */
export function signInFailureMessage(code: string | undefined): string | undefined {
  if (!code) return undefined;
  return Object.hasOwn(SIGN_IN_FAILURES, code) ? SIGN_IN_FAILURES[code as SignInFailureCode] : UNKNOWN_FAILURE;
}

/** A single sign-on failure: its code for the browser, its message (maybe with the provider's words) for the audit log. */
export class SignInFailure extends DomainError {
  readonly kind: DomainErrorKind;
  readonly code: SignInFailureCode;
  constructor(code: SignInFailureCode, message: string = SIGN_IN_FAILURES[code], options: DomainErrorOptions & { kind?: "unauthenticated" | "forbidden" } = {}) {
    super(message, options);
    this.code = code;
    this.kind = options.kind ?? "unauthenticated";
  }
}

/** The code to redirect with for any error of a callback: its own for a {@link SignInFailure}, `sso-failed` otherwise. */
export function signInFailureCodeOf(error: unknown): SignInFailureCode {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === "string" && Object.hasOwn(SIGN_IN_FAILURES, code) ? (code as SignInFailureCode) : "sso-failed";
}
