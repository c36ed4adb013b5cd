/**
 * Which Git host sent a webhook, told by the headers each one always sets.
 * Gitea and Forgejo also send GitHub's and Gogs' headers for compatibility, so
 * they are recognised first.
 */

/** The Git hosts whose push webhooks Lockstep accepts. */
export const WEBHOOK_PROVIDERS = ["github", "gitlab", "gitea", "forgejo", "bitbucket"] as const;
export type WebhookProvider = (typeof WEBHOOK_PROVIDERS)[number];

/** Display names, for messages. */
export const PROVIDER_NAMES: Record<WebhookProvider, string> = {
  github: "GitHub",
  gitlab: "GitLab",
  gitea: "Gitea",
  forgejo: "Forgejo",
  bitbucket: "Bitbucket",
};

/** The provider that sent a request with these headers, or `undefined` when none is recognised. */
export function detectProvider(headers: Headers): WebhookProvider | undefined {
  if (headers.has("x-forgejo-event")) return "forgejo";
  if (headers.has("x-gitea-event")) return "gitea";
  if (headers.has("x-gitlab-event")) return "gitlab";
  if (headers.has("x-event-key")) return "bitbucket";
  if (headers.has("x-github-event")) return "github";
  return undefined;
}

/** The provider's name for the event, e.g. `push`, `Push Hook`, `repo:push`. */
export function eventName(provider: WebhookProvider, headers: Headers): string {
  const header = { github: "x-github-event", gitlab: "x-gitlab-event", gitea: "x-gitea-event", forgejo: "x-forgejo-event", bitbucket: "x-event-key" }[provider];
  return headers.get(header) ?? "";
}
