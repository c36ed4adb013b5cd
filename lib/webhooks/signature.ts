/**
 * Proof that a webhook came from the Git host: an HMAC-SHA256 of the raw body
 * keyed with the shared secret (GitHub `X-Hub-Signature-256: sha256=…`,
 * Gitea `X-Gitea-Signature`, Forgejo `X-Forgejo-Signature`, Bitbucket
 * `X-Hub-Signature: sha256=…`) or, for GitLab, the secret itself in
 * `X-Gitlab-Token`. Every comparison is constant-time.
 */
import { createHmac } from "node:crypto";

import { constantTimeEquals } from "@/lib/crypto/constant-time";

import type { WebhookProvider } from "./provider";

/** The environment variable holding the shared webhook secret. */
export const WEBHOOK_SECRET_VARIABLE = "LOCKSTEP_WEBHOOK_SECRET";

/**
 * The secret for a provider: `LOCKSTEP_WEBHOOK_SECRET_<PROVIDER>` when set
 * (Forgejo falls back to Gitea's), else `LOCKSTEP_WEBHOOK_SECRET`.
 */
export function webhookSecret(provider: WebhookProvider, env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const own = env[`${WEBHOOK_SECRET_VARIABLE}_${provider.toUpperCase()}`];
  const gitea = provider === "forgejo" ? env[`${WEBHOOK_SECRET_VARIABLE}_GITEA`] : undefined;
  return own || gitea || env[WEBHOOK_SECRET_VARIABLE] || undefined;
}

function hmacHex(secret: string, body: Uint8Array): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

/** The signature header's hex digest, without a `sha256=` prefix; `undefined` when absent or of another algorithm. */
function receivedDigest(provider: WebhookProvider, headers: Headers): string | undefined {
  const prefixed = (value: string | null) => (value?.toLowerCase().startsWith("sha256=") ? value.slice("sha256=".length) : undefined);
  switch (provider) {
    case "github":
      return prefixed(headers.get("x-hub-signature-256"));
    case "bitbucket":
      return prefixed(headers.get("x-hub-signature"));
    case "gitea":
      return headers.get("x-gitea-signature") ?? undefined;
    case "forgejo":
      return headers.get("x-forgejo-signature") ?? headers.get("x-gitea-signature") ?? undefined;
    case "gitlab":
      return undefined;
  }
}

/** True when the request proves knowledge of `secret` the way `provider` does. */
export function hasValidSignature(provider: WebhookProvider, headers: Headers, body: Uint8Array, secret: string): boolean {
  if (provider === "gitlab") {
    const token = headers.get("x-gitlab-token");
    return token !== null && constantTimeEquals(token, secret);
  }
  const received = receivedDigest(provider, headers);
  return received !== undefined && constantTimeEquals(received.trim().toLowerCase(), hmacHex(secret, body));
}
