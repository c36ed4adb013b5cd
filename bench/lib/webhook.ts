/**
 * A GitHub-style push webhook, signed as GitHub signs it (`X-Hub-Signature-256`, HMAC-SHA256
 * of the exact body with the shared secret). Sent without a user token: webhooks
 * authenticate by their signature alone.
 */
import { createHmac, randomUUID } from "node:crypto";
import { api } from "@/test/helpers/lockstep-api";

/** What a push changed. */
export interface PushEvent {
  /** Clone URL of the repository, as Lockstep's apps name it. */
  repoUrl: string;
  branch: string;
  before: string;
  after: string;
  /** Paths the push modified. */
  modified: string[];
}

/** The JSON body GitHub sends for a push. */
export function pushPayload(event: PushEvent): Record<string, unknown> {
  const fullName = new URL(event.repoUrl).pathname.replace(/^\/+/, "").replace(/\.git$/, "");
  return {
    ref: `refs/heads/${event.branch}`,
    before: event.before,
    after: event.after,
    repository: { full_name: fullName, clone_url: event.repoUrl, html_url: event.repoUrl.replace(/\.git$/, ""), url: event.repoUrl },
    head_commit: { id: event.after, added: [], removed: [], modified: event.modified },
    commits: [{ id: event.after, added: [], removed: [], modified: event.modified }],
  };
}

/** Posts a signed push event to `<baseUrl>/api/webhooks/git`; answers the HTTP status and body. */
export async function sendPushWebhook(baseUrl: string, secret: string, event: PushEvent): Promise<{ status: number; text: string }> {
  const payload = pushPayload(event);
  const signature = `sha256=${createHmac("sha256", secret).update(JSON.stringify(payload)).digest("hex")}`;
  const answer = await api(baseUrl, "POST", "/api/webhooks/git", payload, {
    token: null,
    headers: { "x-github-event": "push", "x-github-delivery": randomUUID(), "x-hub-signature-256": signature },
  });
  return { status: answer.status, text: answer.text };
}
