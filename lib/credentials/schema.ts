/**
 * What a user may send about repository credentials. Secrets are write-only:
 * they are accepted here and never part of any answer. No message ever quotes
 * a secret back.
 */
import { z } from "zod";

import { repoLocation } from "@/lib/source";

import { CREDENTIAL_KINDS } from "./url-prefix";

const PRIVATE_KEY = /^-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----\r?\n[\s\S]+\r?\n-----END ([A-Z0-9]+ )*PRIVATE KEY-----\s*$/;

const urlPrefix = z
  .string({ error: "URL prefix is required." })
  .trim()
  .min(1, { message: "URL prefix is required.", abort: true })
  .max(2048, "URL prefix must be at most 2048 characters.")
  .refine((prefix) => repoLocation(prefix) !== undefined && !prefix.startsWith("/"), {
    message: "URL prefix must be a repository URL or the start of one, e.g. https://github.com/acme or git@github.com:acme.",
    abort: true,
  })
  .refine((prefix) => !/^[a-z][a-z0-9+.-]*:\/\/[^/@]*:[^/@]*@/i.test(prefix), "URL prefix must not contain a password; put it in the token field.");

const username = z.string().trim().max(256, "User name must be at most 256 characters.");
const token = z.string().max(16_384, "Token must be at most 16384 characters.").refine((t) => !/[\r\n\0]/.test(t), "Token must be a single line.");
const privateKey = z
  .string()
  .max(65_536, "Private key must be at most 64 KiB.")
  .refine((key) => PRIVATE_KEY.test(key.trim() + "\n"), "Private key must be an OpenSSH or PEM private key (-----BEGIN ... PRIVATE KEY-----), without a passphrase.");
const knownHosts = z
  .string()
  .max(65_536, "Known hosts must be at most 64 KiB.")
  .refine(
    (text) =>
      text
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "" && !line.startsWith("#"))
        .every((line) => line.split(/\s+/).length >= 3),
    "Known hosts must be known_hosts lines: host, key type and key (as ssh-keyscan prints them).",
  );

const kindOf = (prefix: string) => (repoLocation(prefix)?.transport === "ssh" ? "ssh" : "https");

function checkKind(value: { urlPrefix?: string; kind?: string }, context: z.RefinementCtx): void {
  if (!value.urlPrefix || !value.kind) return;
  const transport = repoLocation(value.urlPrefix)?.transport;
  if (value.kind === "https" && transport !== "http") {
    context.addIssue({ code: "custom", path: ["urlPrefix"], message: "HTTPS credentials need an http(s):// URL prefix." });
  }
  if (value.kind === "ssh" && transport !== "ssh") {
    context.addIssue({ code: "custom", path: ["urlPrefix"], message: "SSH credentials need an ssh:// or user@host:path URL prefix." });
  }
}

/** A new credential: HTTPS (user name + token) or SSH (private key, optional known hosts). */
export const repoCredentialCreateSchema = z
  .object({
    urlPrefix,
    kind: z.enum(CREDENTIAL_KINDS, { error: "Kind must be https or ssh." }).optional(),
    username: username.optional(),
    password: token.optional(),
    privateKey: privateKey.optional(),
    knownHosts: knownHosts.optional(),
  })
  .transform((value) => ({ ...value, kind: value.kind ?? kindOf(value.urlPrefix) }))
  .superRefine((value, context) => {
    checkKind(value, context);
    if (value.kind === "https") {
      if (!value.username) context.addIssue({ code: "custom", path: ["username"], message: "User name is required for HTTPS credentials (any non-empty name for most token hosts, e.g. x-access-token)." });
      if (!value.password) context.addIssue({ code: "custom", path: ["password"], message: "Token or password is required for HTTPS credentials." });
    }
    if (value.kind === "ssh" && !value.privateKey) context.addIssue({ code: "custom", path: ["privateKey"], message: "Private key is required for SSH credentials." });
  });

/** A validated new credential. */
export type RepoCredentialCreate = z.infer<typeof repoCredentialCreateSchema>;

/** A change: any field; an absent or empty secret keeps the stored one. */
export const repoCredentialUpdateSchema = z
  .object({
    urlPrefix: urlPrefix.optional(),
    username: username.optional(),
    password: token.optional(),
    privateKey: z.union([z.literal(""), privateKey]).optional(),
    knownHosts: knownHosts.nullable().optional(),
  })
  .strict();

/** A validated change. */
export type RepoCredentialUpdate = z.infer<typeof repoCredentialUpdateSchema>;
