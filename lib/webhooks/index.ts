/**
 * lib/webhooks — push webhooks from GitHub, GitLab, Gitea, Forgejo and
 * Bitbucket: verified against a shared secret, matched to the apps that
 * follow the pushed branch, and turned into an immediate refresh.
 */
export { affectedApps, appsOnRepository, type AppSourceRef } from "./affected-apps";
export { handleGitWebhook, type WebhookAnswer, type WebhookDependencies } from "./handle";
export { detectProvider, eventName, PROVIDER_NAMES, WEBHOOK_PROVIDERS, type WebhookProvider } from "./provider";
export { parseWebhookEvent, refFromName, type PushedRef, type PushEvent, type WebhookEvent } from "./push-event";
export { hasValidSignature, WEBHOOK_SECRET_VARIABLE, webhookSecret } from "./signature";
