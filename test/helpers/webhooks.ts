/**
 * Webhook deliveries as each Git host sends them: the JSON bodies in
 * test/fixtures/webhooks/ (real payload shapes of a push to
 * `acme/guestbook-config` on `main`), the headers each host sets, and the
 * signature each host computes with the shared secret.
 */
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

import type { WebhookProvider } from "@/lib/webhooks";

/** The host each fixture's URLs name. */
export const FIXTURE_HOSTS: Record<WebhookProvider, string> = {
  github: "github.com",
  gitlab: "gitlab.example.com",
  gitea: "gitea.example.com",
  forgejo: "forgejo.example.com",
  bitbucket: "bitbucket.org",
};

/** The repository path every fixture pushes to. */
export const FIXTURE_REPO_PATH = "acme/guestbook-config";

/**
 * The raw body of a provider's push fixture, with its host and repository path optionally
 * replaced (e.g. by the test Git server's host and a test repository).
 */
export function fixtureBody(provider: WebhookProvider, options: { host?: string; repoPath?: string } = {}): string {
  let text = readFileSync(path.resolve("test/fixtures/webhooks", `${provider}-push.json`), "utf8");
  if (options.host) text = text.split(FIXTURE_HOSTS[provider]).join(options.host);
  if (options.repoPath) text = text.split(FIXTURE_REPO_PATH).join(options.repoPath);
  return text;
}

const hmac = (secret: string, body: string) => createHmac("sha256", secret).update(body).digest("hex");

/** The headers `provider` sends with a push delivery of `body`, signed with `secret`. */
export function deliveryHeaders(provider: WebhookProvider, body: string, secret: string): Record<string, string> {
  const json = { "content-type": "application/json" };
  switch (provider) {
    case "github":
      return {
        ...json,
        "user-agent": "GitHub-Hookshot/7d2f1c0",
        "x-github-event": "push",
        "x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
        "x-github-hook-id": "292430182",
        "x-hub-signature-256": `sha256=${hmac(secret, body)}`,
      };
    case "gitlab":
      return {
        ...json,
        "user-agent": "GitLab/17.7.0",
        "x-gitlab-event": "Push Hook",
        "x-gitlab-event-uuid": "13792a34-cac6-4fda-95a8-c58e00a3954e",
        "x-gitlab-instance": "https://gitlab.example.com",
        "x-gitlab-token": secret,
      };
    case "gitea":
      return {
        ...json,
        "x-gitea-event": "push",
        "x-gitea-event-type": "push",
        "x-gitea-delivery": "f6266f16-1bf3-46a5-9ea4-602e06ead473",
        "x-gitea-signature": hmac(secret, body),
        "x-github-event": "push",
        "x-gogs-event": "push",
        "x-hub-signature-256": `sha256=${hmac(secret, body)}`,
      };
    case "forgejo":
      return {
        ...json,
        "x-forgejo-event": "push",
        "x-forgejo-event-type": "push",
        "x-forgejo-delivery": "0d4a3f3e-35f5-4c8e-9d3c-6b4f0e2a1c77",
        "x-forgejo-signature": hmac(secret, body),
        "x-gitea-event": "push",
        "x-gitea-signature": hmac(secret, body),
        "x-github-event": "push",
      };
    case "bitbucket":
      return {
        ...json,
        "user-agent": "Bitbucket-Webhooks/2.0",
        "x-event-key": "repo:push",
        "x-hook-uuid": "{9b6b5b1e-2f6e-4c5a-8d7b-3c2e1f0a9b8c}",
        "x-request-uuid": "5f7e3a0b-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
        "x-attempt-number": "1",
        "x-hub-signature": `sha256=${hmac(secret, body)}`,
      };
  }
}
