/**
 * What an admin may send to create or change notification channels and subscriptions. Secrets
 * (a webhook's signing secret, a Slack incoming-webhook URL, an SMTP password) are write-only:
 * accepted here, never part of an answer, and no message quotes one back.
 */
import { z } from "zod";
import { unknownPlaceholders, PLACEHOLDERS } from "./template";
import { TRIGGERS } from "./triggers";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const name = z
  .string({ error: "Name is required." })
  .trim()
  .min(1, { message: "Name is required.", abort: true })
  .max(63, { message: "Name must be at most 63 characters.", abort: true })
  .refine((n) => DNS_LABEL.test(n), "Name must be a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit.");

function isHttpUrl(text: string, protocols: readonly string[]): boolean {
  try {
    const url = new URL(text);
    return protocols.includes(url.protocol) && url.hostname !== "" && url.username === "" && url.password === "";
  } catch {
    return false;
  }
}

const webhookUrl = z
  .string({ error: "URL is required." })
  .trim()
  .max(2048, "URL must be at most 2048 characters.")
  .refine((u) => isHttpUrl(u, ["http:", "https:"]), "URL must be an http:// or https:// URL without user or password.");

/** A Slack URL is a secret: the message never repeats it. */
const slackUrl = z
  .string({ error: "Slack webhook URL is required." })
  .trim()
  .max(2048, "Slack webhook URL must be at most 2048 characters.")
  .refine((u) => isHttpUrl(u, ["http:", "https:"]), "Slack webhook URL must be an http:// or https:// URL (the incoming webhook's address).");

const signingSecret = z
  .string({ error: "Secret is required." })
  .min(16, "Secret must be at least 16 characters.")
  .max(1024, "Secret must be at most 1024 characters.");

const email = z.string().trim().max(320, "An e-mail address must be at most 320 characters.").regex(/^[^\s@<>]+@[^\s@<>]+$/, "Must be an e-mail address such as ops@example.com.");

/** How the SMTP connection is secured: TLS from the start (465), STARTTLS (required), or none (a local relay). */
export const SMTP_SECURITY = ["tls", "starttls", "none"] as const;

/** The non-secret settings of each kind of channel. */
export const channelConfigSchemas = {
  webhook: z.object({ url: webhookUrl }),
  slack: z.object({}),
  email: z.object({
    host: z.string({ error: "SMTP host is required." }).trim().min(1, "SMTP host is required.").max(253, "SMTP host must be at most 253 characters."),
    port: z.number({ error: "SMTP port is required." }).int("SMTP port must be a whole number.").min(1, "SMTP port must be 1-65535.").max(65_535, "SMTP port must be 1-65535."),
    security: z.enum(SMTP_SECURITY, { error: `Security must be one of ${SMTP_SECURITY.join(", ")}.` }).default("starttls"),
    user: z.string().trim().max(256, "SMTP user must be at most 256 characters.").optional(),
    from: email,
    to: z.array(email, { error: "To must be a list of e-mail addresses." }).min(1, "To must name at least one address.").max(50, "To may name at most 50 addresses."),
  }),
};

/** The secrets of each kind of channel. */
export const channelSecretSchemas = {
  webhook: z.object({ secret: signingSecret }),
  slack: z.object({ url: slackUrl }),
  email: z.object({ password: z.string().max(1024, "Password must be at most 1024 characters.").optional() }),
};

/** The kinds of channel. */
export const CHANNEL_KINDS = ["webhook", "slack", "email"] as const;

/** One of {@link CHANNEL_KINDS}. */
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** A new channel: a name, a kind, and that kind's settings and secrets. */
export const channelCreateSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ name, kind: z.literal("webhook"), url: webhookUrl, secret: signingSecret }),
    z.object({ name, kind: z.literal("slack"), url: slackUrl }),
    z.object({ name, kind: z.literal("email"), ...channelConfigSchemas.email.shape, password: channelSecretSchemas.email.shape.password }),
  ],
  { error: `Kind must be one of ${CHANNEL_KINDS.join(", ")}.` },
);

/** A new channel, as validated. */
export type ChannelCreate = z.infer<typeof channelCreateSchema>;

/**
 * A change to a channel: any of its kind's fields; an absent or empty secret keeps the stored
 * one. The result is checked again against the channel's kind (see lib/notifications/channels.ts).
 */
export const channelUpdateSchema = z.object({
  name: name.optional(),
  url: z.string().trim().max(2048, "URL must be at most 2048 characters.").optional(),
  secret: z.string().max(1024, "Secret must be at most 1024 characters.").optional(),
  host: z.string().optional(),
  port: z.number().optional(),
  security: z.enum(SMTP_SECURITY, { error: `Security must be one of ${SMTP_SECURITY.join(", ")}.` }).optional(),
  user: z.string().optional(),
  password: z.string().max(1024, "Password must be at most 1024 characters.").optional(),
  from: z.string().optional(),
  to: z.array(z.string()).optional(),
});

/** A change to a channel, as validated. */
export type ChannelUpdate = z.infer<typeof channelUpdateSchema>;

/** Where a subscription applies. */
export const SUBSCRIPTION_SCOPES = ["app", "project", "global"] as const;

const template = z
  .string()
  .max(2000, "Template must be at most 2000 characters.")
  .refine((t) => t.trim().length > 0, "Template must not be empty; leave it out to use the defaults.")
  .superRefine((t, ctx) => {
    const unknown = unknownPlaceholders(t);
    if (unknown.length > 0) ctx.addIssue({ code: "custom", message: `Template names unknown placeholders (${unknown.map((n) => `{{${n}}}`).join(", ")}); known ones are ${PLACEHOLDERS.map((n) => `{{${n}}}`).join(", ")}.` });
  });

const subscriptionFields = {
  name,
  channel: z.string({ error: "Channel is required." }).trim().min(1, "Channel is required (a channel's name)."),
  scope: z.enum(SUBSCRIPTION_SCOPES, { error: `Scope must be one of ${SUBSCRIPTION_SCOPES.join(", ")}.` }),
  target: z.string().trim().max(63, "Target must be at most 63 characters.").default(""),
  triggers: z
    .array(z.enum(TRIGGERS, { error: `Each trigger must be one of ${TRIGGERS.join(", ")}.` }), { error: "Triggers must be a list." })
    .min(1, "Name at least one trigger.")
    .transform((list) => [...new Set(list)]),
  driftGraceSeconds: z.number().int("Drift grace must be a whole number of seconds.").min(0, "Drift grace must be 0 or more seconds.").max(7 * 86_400, "Drift grace must be at most 7 days.").default(300),
  template: template.nullable().optional(),
  enabled: z.boolean().default(true),
};

function targetFits(value: { scope?: string; target?: string }, ctx: z.RefinementCtx): void {
  if (value.scope === undefined) return;
  if (value.scope === "global" && value.target) ctx.addIssue({ code: "custom", path: ["target"], message: "A global subscription names no target." });
  if (value.scope !== "global" && !value.target) ctx.addIssue({ code: "custom", path: ["target"], message: `Target is required: the ${value.scope}'s name.` });
}

/** A new subscription: per app (target = the app), per project (target = the project) or global. */
export const subscriptionCreateSchema = z.object(subscriptionFields).superRefine(targetFits);

/** A new subscription, as validated. */
export type SubscriptionCreate = z.infer<typeof subscriptionCreateSchema>;

/** A change to a subscription; scope and target change together (a global scope needs no target). */
export const subscriptionUpdateSchema = z
  .object({
    name: name.optional(),
    channel: subscriptionFields.channel.optional(),
    scope: subscriptionFields.scope.optional(),
    target: z.string().trim().max(63, "Target must be at most 63 characters.").optional(),
    triggers: subscriptionFields.triggers.optional(),
    driftGraceSeconds: z.number().int("Drift grace must be a whole number of seconds.").min(0, "Drift grace must be 0 or more seconds.").max(7 * 86_400, "Drift grace must be at most 7 days.").optional(),
    template: template.nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .superRefine((value, ctx) => {
    const alone = value.scope === undefined ? value.target !== undefined : value.scope !== "global" && value.target === undefined;
    if (alone) ctx.addIssue({ code: "custom", path: ["scope"], message: "Scope and target change together: send both." });
    else targetFits(value, ctx);
  });

/** A change to a subscription, as validated. */
export type SubscriptionUpdate = z.infer<typeof subscriptionUpdateSchema>;

/** Filters of the delivery list. */
export const deliveryQuerySchema = z.object({
  status: z.enum(["pending", "sent", "failed"], { error: "Status must be pending, sent or failed." }).optional(),
  app: z.string().trim().max(63).optional(),
  limit: z.coerce.number().int().min(1, "Limit must be 1-500.").max(500, "Limit must be 1-500.").optional(),
});
