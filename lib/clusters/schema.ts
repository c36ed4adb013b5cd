/**
 * What an admin may send to register a destination cluster: a name, the API server's https URL,
 * its CA certificate, and either a bearer token or a client certificate and key. Secrets are
 * write-only: accepted here, never part of an answer, and no message quotes one back.
 */
import { z } from "zod";

import { LOCAL_CLUSTER } from "@/lib/kube/local-cluster";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const CERTIFICATE = /^(-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\s*)+$/;
const PRIVATE_KEY = /^-----BEGIN ((RSA|EC) )?PRIVATE KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END ((RSA|EC) )?PRIVATE KEY-----\s*$/;

/** The ways Lockstep authenticates to a registered cluster. */
export const CLUSTER_AUTH_KINDS = ["token", "client-certificate"] as const;

/** How Lockstep authenticates to a registered cluster. */
export type ClusterAuthKind = (typeof CLUSTER_AUTH_KINDS)[number];

const name = z
  .string({ error: "Name is required." })
  .trim()
  .min(1, { message: "Name is required.", abort: true })
  .max(63, { message: "Name must be at most 63 characters.", abort: true })
  .refine((n) => DNS_LABEL.test(n), { message: "Name must be a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit.", abort: true })
  .refine((n) => n !== LOCAL_CLUSTER, `Name "${LOCAL_CLUSTER}" is reserved for the kubeconfig Lockstep was started with.`);

function isHttpsServer(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" && url.hostname !== "" && url.username === "" && url.password === "" && url.search === "" && url.hash === "";
  } catch {
    return false;
  }
}

const server = z
  .string({ error: "Server URL is required." })
  .trim()
  .min(1, { message: "Server URL is required.", abort: true })
  .max(2048, { message: "Server URL must be at most 2048 characters.", abort: true })
  .refine(isHttpsServer, "Server URL must be an https:// URL of the API server, without user, query or fragment, e.g. https://10.0.0.1:6443.");

const pemCertificate = (field: string) =>
  z
    .string()
    .max(65_536, `${field} must be at most 64 KiB.`)
    .transform((text) => text.trim() + "\n")
    .refine((text) => CERTIFICATE.test(text), `${field} must be one or more PEM certificates (-----BEGIN CERTIFICATE-----).`);

const caData = pemCertificate("CA certificate");
const clientCertificate = pemCertificate("Client certificate");

const token = z
  .string()
  .max(16_384, "Token must be at most 16384 characters.")
  .refine((t) => !/[\s\0]/.test(t.trim()), "Token must be a single word without spaces or line breaks.")
  .transform((t) => t.trim());

const clientKey = z
  .string()
  .max(65_536, "Client key must be at most 64 KiB.")
  .transform((text) => text.trim() + "\n")
  .refine((text) => PRIVATE_KEY.test(text), "Client key must be a PEM private key (-----BEGIN PRIVATE KEY-----, RSA or EC), without a passphrase.");

interface AuthFields {
  token?: string;
  clientCertificate?: string;
  clientKey?: string;
}

const present = (value: string | undefined) => value !== undefined && value.trim() !== "";

/** Adds the one-sentence issue of a body giving both ways of authenticating, or half of one. */
function checkAuth(value: AuthFields, context: z.RefinementCtx, options: { required: boolean }): void {
  const hasToken = present(value.token);
  const hasCertificate = present(value.clientCertificate);
  const hasKey = present(value.clientKey);
  if (hasToken && (hasCertificate || hasKey)) {
    context.addIssue({ code: "custom", path: ["token"], message: "Give either a bearer token or a client certificate and key, not both." });
  } else if (hasCertificate !== hasKey) {
    context.addIssue({ code: "custom", path: [hasCertificate ? "clientKey" : "clientCertificate"], message: "A client certificate and its key go together: give both." });
  } else if (options.required && !hasToken && !hasCertificate) {
    context.addIssue({ code: "custom", path: ["token"], message: "A bearer token or a client certificate and key is required." });
  }
}

/** A cluster to register. */
export const clusterCreateSchema = z
  .object({
    name,
    server,
    caData: z.string({ error: "CA certificate is required." }).pipe(caData),
    token: token.optional(),
    clientCertificate: clientCertificate.optional(),
    clientKey: clientKey.optional(),
  })
  .strict()
  .superRefine((value, context) => checkAuth(value, context, { required: true }));

/** A validated cluster to register. */
export type ClusterCreate = z.infer<typeof clusterCreateSchema>;

/**
 * A change of a registered cluster (never its name, which apps refer to): any field; a new
 * token, or a new certificate and key, replaces the stored way of authenticating.
 */
export const clusterUpdateSchema = z
  .object({
    server: server.optional(),
    caData: caData.optional(),
    token: z.union([z.literal(""), token]).optional(),
    clientCertificate: z.union([z.literal(""), clientCertificate]).optional(),
    clientKey: z.union([z.literal(""), clientKey]).optional(),
  })
  .strict()
  .superRefine((value, context) => checkAuth(value, context, { required: false }));

/** A validated change. */
export type ClusterUpdate = z.infer<typeof clusterUpdateSchema>;
