/**
 * `POST /api/webhooks/git` without HTTP: recognise the host, verify its
 * signature against the shared secret, read the push, find the apps it
 * concerns, and queue their refresh — which runs after the answer is sent,
 * so the host gets its answer at once however many apps are affected.
 */
import { PROVIDER_NAMES, detectProvider, type WebhookProvider } from "./provider";
import { parseWebhookEvent } from "./push-event";
import { affectedApps, appsOnRepository, type AppSourceRef } from "./affected-apps";
import { WEBHOOK_SECRET_VARIABLE, hasValidSignature, webhookSecret } from "./signature";

/** What the route answers. */
export interface WebhookAnswer {
  /** 202 accepted or ignored, 200 ping, 400 unreadable, 401 unauthenticated. */
  status: 200 | 202 | 400 | 401;
  body: {
    /** `refreshing`, `ignored` or `pong`; absent for errors. */
    result?: "refreshing" | "ignored" | "pong";
    /** One sentence for people reading the host's delivery log. */
    message?: string;
    /** The apps being refreshed. */
    apps?: string[];
    /** For errors: the one-sentence reason. */
    error?: string;
  };
  /** The host that sent the delivery, when its headers name one (for the metrics; never sent back). */
  provider?: WebhookProvider;
}

/** What handling needs from the rest of Lockstep; injected so the logic is testable on its own. */
export interface WebhookDependencies {
  /** The apps to match against. */
  listApps: () => Promise<AppSourceRef[]>;
  /** Queues a refresh of these apps; must return without waiting for it. */
  requestRefresh: (names: string[]) => void;
  /** Where secrets are read from. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
}

const refused = (error: string, status: 400 | 401): WebhookAnswer => ({ status, body: { error } });

function readJson(body: Uint8Array): unknown {
  const text = Buffer.from(body).toString("utf8");
  const json = text.startsWith("payload=") ? decodeURIComponent(new URLSearchParams(text).get("payload") ?? "") : text;
  return JSON.parse(json) as unknown;
}

/**
 * Handles one webhook delivery. A bad or missing signature → 401 and nothing
 * is refreshed; a push for a repository no app uses → 202 ignored.
 */
export async function handleGitWebhook(headers: Headers, body: Uint8Array, deps: WebhookDependencies): Promise<WebhookAnswer> {
  const provider = detectProvider(headers);
  if (!provider) return refused("The request is not a webhook from GitHub, GitLab, Gitea, Forgejo or Bitbucket.", 400);
  return { ...(await handleDelivery(provider, headers, body, deps)), provider };
}

/** Handles a delivery from a recognised host: signature, payload, affected apps. */
async function handleDelivery(provider: WebhookProvider, headers: Headers, body: Uint8Array, deps: WebhookDependencies): Promise<WebhookAnswer> {
  const secret = webhookSecret(provider, deps.env);
  if (!secret) return refused(`Webhooks are disabled: set ${WEBHOOK_SECRET_VARIABLE} on the server and the same secret on the ${PROVIDER_NAMES[provider]} webhook.`, 401);
  if (!hasValidSignature(provider, headers, body, secret)) return refused(`The ${PROVIDER_NAMES[provider]} webhook signature does not match the configured secret.`, 401);

  let payload: unknown;
  try {
    payload = readJson(body);
  } catch {
    return refused("The webhook body is not JSON.", 400);
  }
  const event = parseWebhookEvent(provider, headers, payload);
  if (event.kind === "ping") return { status: 200, body: { result: "pong", message: `${PROVIDER_NAMES[provider]} webhook verified.` } };
  if (event.kind === "other") return { status: 202, body: { result: "ignored", message: `The ${event.event || "unnamed"} event is not a push; nothing to refresh.` } };

  const apps = await deps.listApps();
  const onRepository = appsOnRepository(apps, event.push);
  if (onRepository.length === 0) {
    const repo = event.push.repoUrls[0] ?? "the repository";
    return { status: 202, body: { result: "ignored", message: `No application uses ${repo}.`, apps: [] } };
  }
  const names = affectedApps(onRepository, event.push);
  if (names.length === 0) {
    return { status: 202, body: { result: "ignored", message: "No application follows the pushed branch or tag.", apps: [] } };
  }
  deps.requestRefresh(names);
  return { status: 202, body: { result: "refreshing", message: `Refreshing ${names.length} application${names.length === 1 ? "" : "s"}.`, apps: names } };
}
