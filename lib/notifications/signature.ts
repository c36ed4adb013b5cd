/**
 * Signatures of generic webhook bodies, as GitHub signs its webhooks: the header
 * `X-Lockstep-Signature: sha256=<hex HMAC-SHA256 of the exact body bytes>` with the channel's
 * secret, so a receiver can tell the body came from Lockstep and was not changed.
 */
import { createHmac } from "node:crypto";
import { constantTimeEquals } from "@/lib/crypto/constant-time";

/** The header carrying the signature. */
export const SIGNATURE_HEADER = "X-Lockstep-Signature";

/** `sha256=<hex>` of `body` under `secret`. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/** True when `signature` is the body's signature under `secret` (constant-time), as a receiver checks it. */
export function isValidSignature(body: string, secret: string, signature: string): boolean {
  return constantTimeEquals(signBody(body, secret), signature);
}
