import { describe, expect, it } from "vitest";

import { deliveryHeaders, fixtureBody } from "@/test/helpers/webhooks";

import { handleGitWebhook, type WebhookDependencies } from "./handle";
import { WEBHOOK_PROVIDERS, type WebhookProvider } from "./provider";

const SECRET = "webhook-shared-secret";

const APPS = [
  { name: "guestbook-https", repoUrl: "https://{host}/acme/guestbook-config.git", targetRevision: "main" },
  { name: "guestbook-ssh", repoUrl: "git@{host}:acme/guestbook-config.git", targetRevision: "HEAD" },
  { name: "guestbook-ref", repoUrl: "https://{host}/ACME/guestbook-config", targetRevision: "refs/heads/main" },
  { name: "guestbook-staging", repoUrl: "https://{host}/acme/guestbook-config.git", targetRevision: "staging" },
  { name: "guestbook-pinned", repoUrl: "https://{host}/acme/guestbook-config.git", targetRevision: "0123456789abcdef0123456789abcdef01234567" },
  { name: "other-repo", repoUrl: "https://{host}/acme/guestbook-config-old.git", targetRevision: "main" },
];

const HOSTS: Record<WebhookProvider, string> = {
  github: "github.com",
  gitlab: "gitlab.example.com",
  gitea: "gitea.example.com",
  forgejo: "forgejo.example.com",
  bitbucket: "bitbucket.org",
};

function deps(provider: WebhookProvider, refreshed: string[][], env: Record<string, string> = { LOCKSTEP_WEBHOOK_SECRET: SECRET }): WebhookDependencies {
  return {
    listApps: async () => APPS.map((app) => ({ ...app, repoUrl: app.repoUrl.replace("{host}", HOSTS[provider]) })),
    requestRefresh: (names) => refreshed.push(names),
    env,
  };
}

function delivery(provider: WebhookProvider, options: { secret?: string; body?: string } = {}) {
  const body = options.body ?? fixtureBody(provider);
  return { headers: new Headers(deliveryHeaders(provider, body, options.secret ?? SECRET)), body: Buffer.from(body) };
}

describe.each(WEBHOOK_PROVIDERS)("a %s push webhook", (provider) => {
  it("with a valid signature refreshes exactly the apps that follow the pushed branch on that repository", async () => {
    const refreshed: string[][] = [];
    const { headers, body } = delivery(provider);
    const answer = await handleGitWebhook(headers, body, deps(provider, refreshed));
    expect(answer.status).toBe(202);
    expect(answer.body.result).toBe("refreshing");
    expect(refreshed).toEqual([["guestbook-https", "guestbook-ssh", "guestbook-ref"]]);
  });

  it("with a bad signature is refused with 401 and refreshes nothing", async () => {
    const refreshed: string[][] = [];
    const { headers, body } = delivery(provider, { secret: "not-the-secret" });
    const answer = await handleGitWebhook(headers, body, deps(provider, refreshed));
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatch(/signature does not match the configured secret/);
    expect(refreshed).toEqual([]);
  });

  it("for a repository no app uses is answered 202 and ignored", async () => {
    const refreshed: string[][] = [];
    const body = fixtureBody(provider).split("guestbook-config").join("unrelated-repo");
    const { headers } = delivery(provider, { body });
    const answer = await handleGitWebhook(headers, Buffer.from(body), deps(provider, refreshed));
    expect(answer).toMatchObject({ status: 202, body: { result: "ignored", apps: [] } });
    expect(answer.body.message).toMatch(/^No application uses /);
    expect(refreshed).toEqual([]);
  });
});

describe.each(WEBHOOK_PROVIDERS.filter((provider) => provider !== "gitlab"))("a %s push signed with an HMAC", (provider) => {
  it("is refused when the body was changed after signing", async () => {
    const refreshed: string[][] = [];
    const { headers } = delivery(provider);
    const tampered = Buffer.from(fixtureBody(provider).replace("refs/heads/main", "refs/heads/staging").replace('"name": "main"', '"name": "staging"'));
    const answer = await handleGitWebhook(headers, tampered, deps(provider, refreshed));
    expect(answer.status).toBe(401);
    expect(refreshed).toEqual([]);
  });
});

describe("handleGitWebhook", () => {
  it("refuses every delivery while no secret is configured", async () => {
    const refreshed: string[][] = [];
    const { headers, body } = delivery("github");
    const answer = await handleGitWebhook(headers, body, deps("github", refreshed, {}));
    expect(answer.status).toBe(401);
    expect(answer.body.error).toContain("LOCKSTEP_WEBHOOK_SECRET");
    expect(refreshed).toEqual([]);
  });

  it("uses a provider's own secret when one is set", async () => {
    const refreshed: string[][] = [];
    const { headers, body } = delivery("gitlab", { secret: "gitlab-only" });
    const env = { LOCKSTEP_WEBHOOK_SECRET: SECRET, LOCKSTEP_WEBHOOK_SECRET_GITLAB: "gitlab-only" };
    expect((await handleGitWebhook(headers, body, deps("gitlab", refreshed, env))).status).toBe(202);
    expect(refreshed).toHaveLength(1);
  });

  it("answers a GitHub ping without refreshing anything", async () => {
    const refreshed: string[][] = [];
    const body = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 });
    const headers = new Headers({ ...deliveryHeaders("github", body, SECRET), "x-github-event": "ping" });
    const answer = await handleGitWebhook(headers, Buffer.from(body), deps("github", refreshed));
    expect(answer).toMatchObject({ status: 200, body: { result: "pong" }, provider: "github" });
    expect(refreshed).toEqual([]);
  });

  it("refreshes HEAD apps only when the default branch moved", async () => {
    const refreshed: string[][] = [];
    const body = fixtureBody("github").replace('"ref": "refs/heads/main"', '"ref": "refs/heads/staging"');
    const { headers } = delivery("github", { body });
    await handleGitWebhook(headers, Buffer.from(body), deps("github", refreshed));
    expect(refreshed).toEqual([["guestbook-staging"]]);
  });

  it("refuses a request from no known Git host", async () => {
    const answer = await handleGitWebhook(new Headers({ "content-type": "application/json" }), Buffer.from("{}"), deps("github", []));
    expect(answer.status).toBe(400);
    expect(answer.provider).toBeUndefined();
  });
});
