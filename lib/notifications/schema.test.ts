import { describe, expect, it } from "vitest";
import { fieldErrors } from "@/lib/apps/spec";
import { channelCreateSchema, subscriptionCreateSchema, subscriptionUpdateSchema } from "./schema";

const messagesOf = (result: { success: boolean; error?: import("zod").ZodError }) => (result.error ? fieldErrors(result.error).map((f) => `${f.field}: ${f.message}`) : []);
const base = { name: "prod-failures", channel: "ops", scope: "app", target: "web", triggers: ["sync-failed"] };

describe("subscriptionCreateSchema", () => {
  it("fills the defaults: a five-minute drift grace, enabled, no template", () => {
    expect(subscriptionCreateSchema.parse(base)).toEqual({ ...base, driftGraceSeconds: 300, enabled: true });
  });

  it("drops repeated triggers", () => {
    expect(subscriptionCreateSchema.parse({ ...base, triggers: ["sync-failed", "sync-failed"] }).triggers).toEqual(["sync-failed"]);
  });

  it.each([
    ["an unknown trigger", { triggers: ["deployed"] }, "triggers.0: Each trigger must be one of sync-succeeded, sync-failed, health-degraded, drift-detected, rollback, auto-sync-paused."],
    ["no trigger", { triggers: [] }, "triggers: Name at least one trigger."],
    ["an app scope without a target", { target: "" }, "target: Target is required: the app's name."],
    ["a global scope with a target", { scope: "global" }, "target: A global subscription names no target."],
    ["a negative grace", { driftGraceSeconds: -1 }, "driftGraceSeconds: Drift grace must be 0 or more seconds."],
    ["an unknown placeholder", { template: "{{app}} {{owner}}" }, "template: Template names unknown placeholders ({{owner}}); known ones are {{app}}, {{project}}, {{revision}}, {{trigger}}, {{message}}, {{url}}."],
    ["a name that is not a DNS label", { name: "Prod Failures" }, "name: Name must be a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit."],
  ])("refuses %s in one sentence", (_name, change, message) => {
    expect(messagesOf(subscriptionCreateSchema.safeParse({ ...base, ...change }))).toEqual([message]);
  });
});

describe("subscriptionUpdateSchema", () => {
  it("asks for scope and target together", () => {
    expect(messagesOf(subscriptionUpdateSchema.safeParse({ scope: "project" }))).toEqual(["scope: Scope and target change together: send both."]);
  });

  it("takes a global scope without a target", () => {
    expect(subscriptionUpdateSchema.parse({ scope: "global" })).toEqual({ scope: "global" });
  });

  it("accepts a null template, going back to the defaults", () => {
    expect(subscriptionUpdateSchema.parse({ template: null })).toEqual({ template: null });
  });
});

describe("channelCreateSchema", () => {
  it("refuses an unknown kind", () => {
    expect(messagesOf(channelCreateSchema.safeParse({ name: "x", kind: "pager" }))).toEqual(["kind: Kind must be one of webhook, slack, email."]);
  });

  it("refuses a webhook URL with a user and password", () => {
    expect(messagesOf(channelCreateSchema.safeParse({ name: "x", kind: "webhook", url: "https://u:p@hooks.example/x", secret: "0123456789abcdef" }))).toEqual(["url: URL must be an http:// or https:// URL without user or password."]);
  });

  it("defaults an e-mail channel to STARTTLS", () => {
    expect(channelCreateSchema.parse({ name: "m", kind: "email", host: "smtp.example", port: 587, from: "a@example.com", to: ["b@example.com"] })).toMatchObject({ security: "starttls" });
  });

  it("refuses an e-mail channel without recipients", () => {
    expect(messagesOf(channelCreateSchema.safeParse({ name: "m", kind: "email", host: "smtp.example", port: 587, from: "a@example.com", to: [] }))).toEqual(["to: To must name at least one address."]);
  });
});
