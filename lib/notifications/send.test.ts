import { describe, expect, it } from "vitest";
import type { OpenChannel } from "./channels";
import type { NotificationMessage } from "./message";
import { redact, sendThrough } from "./send";
import { isValidSignature } from "./signature";

const message: NotificationMessage = { trigger: "sync-failed", app: "web", project: "default", revision: "0123456789", message: "It broke.", url: "http://localhost:3000/apps/web", text: "web failed", at: "2026-12-06T09:00:00.000Z" };

/** A fetch that records what it was asked and answers `status`. */
function recordingFetch(status: number) {
  const calls: { url: string; body: string; headers: Headers }[] = [];
  const fake = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), body: String(init?.body), headers: new Headers(init?.headers) });
    return new Response(null, { status });
  }) as typeof fetch;
  return { calls, fake };
}

describe("sendThrough", () => {
  it("posts a generic webhook's JSON with a signature the receiver can check", async () => {
    const channel: OpenChannel = { kind: "webhook", name: "ops", url: "https://hooks.example/in", secret: "0123456789abcdef" };
    const { calls, fake } = recordingFetch(204);
    expect(await sendThrough(channel, message, { deliveryId: "d1", fetch: fake })).toEqual({ ok: true, code: 204 });
    const [call] = calls;
    expect(JSON.parse(call?.body ?? "")).toMatchObject({ delivery: "d1", trigger: "sync-failed", app: "web", url: message.url });
    expect(isValidSignature(call?.body ?? "", channel.secret, call?.headers.get("x-lockstep-signature") ?? "")).toBe(true);
    expect(call?.headers.get("x-lockstep-event")).toBe("sync-failed");
  });

  it("posts Slack's text and blocks", async () => {
    const { calls, fake } = recordingFetch(200);
    await sendThrough({ kind: "slack", name: "chat", url: "https://hooks.slack.example/services/T/B/x" }, message, { deliveryId: "d1", fetch: fake });
    expect(JSON.parse(calls[0]?.body ?? "")).toMatchObject({ text: "web failed", blocks: [{ type: "section" }, { type: "context" }] });
  });

  it("answers a receiver's error status as a failed attempt", async () => {
    const { fake } = recordingFetch(500);
    expect(await sendThrough({ kind: "webhook", name: "ops", url: "https://hooks.example/in", secret: "0123456789abcdef" }, message, { deliveryId: "d1", fetch: fake })).toEqual({ ok: false, code: 500, error: "The receiver answered 500." });
  });

  it("keeps a Slack URL out of a failure's text", async () => {
    const url = "https://hooks.slack.example/services/T/B/planted-token";
    const failing = (async () => {
      throw new TypeError(`fetch failed for ${url}`);
    }) as typeof fetch;
    const result = await sendThrough({ kind: "slack", name: "chat", url }, message, { deliveryId: "d1", fetch: failing });
    expect(result.ok).toBe(false);
    expect(result.error).not.toContain("planted");
  });
});

describe("redact", () => {
  it("takes an SMTP password out", () => {
    expect(redact("auth failed for hunter2-planted", { kind: "email", name: "m", host: "h", port: 25, security: "none", password: "hunter2-planted", from: "a@b.c", to: ["d@e.f"] })).toBe("auth failed for [redacted]");
  });
});
