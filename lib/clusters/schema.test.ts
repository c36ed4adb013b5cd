import { describe, expect, it } from "vitest";
import { clusterCreateSchema, clusterUpdateSchema } from "./schema";

const CA = "-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAjMSEwHwYDVQQDDBhrM3Mtc2VydmVy\n-----END CERTIFICATE-----\n";
const KEY = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIIr8k0hU2rV1tH9VZ1Qq3w1c9k8wZ3mZ0bYw6Q2k3xXooAoGCCqGSM49\n-----END EC PRIVATE KEY-----\n";
const base = { name: "staging", server: "https://10.0.0.1:6443", caData: CA };
const messagesOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((issue) => issue.message) ?? [];

describe("clusterCreateSchema", () => {
  it("reads a cluster with a bearer token, trimming what was pasted around it", () => {
    expect(clusterCreateSchema.parse({ ...base, name: " staging ", token: " eyJhbGciOi.abc.def \n" })).toEqual({ ...base, token: "eyJhbGciOi.abc.def" });
  });

  it("reads a cluster with a client certificate and key", () => {
    expect(clusterCreateSchema.parse({ ...base, clientCertificate: CA, clientKey: KEY })).toEqual({ ...base, clientCertificate: CA, clientKey: KEY });
  });

  it.each([
    [{ ...base, name: "Staging_1", token: "t" }, "Name must be a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit."],
    [{ ...base, name: "local", token: "t" }, 'Name "local" is reserved for the kubeconfig Lockstep was started with.'],
    [{ ...base, server: "http://10.0.0.1:6443", token: "t" }, "Server URL must be an https:// URL of the API server, without user, query or fragment, e.g. https://10.0.0.1:6443."],
    [{ ...base, server: "not a url", token: "t" }, "Server URL must be an https:// URL of the API server, without user, query or fragment, e.g. https://10.0.0.1:6443."],
    [{ ...base, caData: "MIIB…", token: "t" }, "CA certificate must be one or more PEM certificates (-----BEGIN CERTIFICATE-----)."],
    [{ ...base }, "A bearer token or a client certificate and key is required."],
    [{ ...base, token: "t", clientCertificate: CA, clientKey: KEY }, "Give either a bearer token or a client certificate and key, not both."],
    [{ ...base, clientCertificate: CA }, "A client certificate and its key go together: give both."],
    [{ ...base, clientCertificate: CA, clientKey: "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----" }, "Client key must be a PEM private key (-----BEGIN PRIVATE KEY-----, RSA or EC), without a passphrase."],
    [{ ...base, token: "two words" }, "Token must be a single word without spaces or line breaks."],
  ])("refuses %j with one sentence", (input, message) => {
    expect(messagesOf(clusterCreateSchema.safeParse(input))).toEqual([message]);
  });

  it("never quotes a secret back in its messages", () => {
    const secret = "s3cret-token-value";
    const results = [
      clusterCreateSchema.safeParse({ ...base, token: `${secret} ${secret}` }),
      clusterCreateSchema.safeParse({ ...base, clientCertificate: CA, clientKey: `${secret}\n${secret}` }),
      clusterCreateSchema.safeParse({ ...base, server: `https://bot:${secret}@10.0.0.1`, token: secret }),
    ];
    for (const result of results) {
      expect(result.success).toBe(false);
      expect(JSON.stringify(messagesOf(result))).not.toContain(secret);
    }
  });
});

describe("clusterUpdateSchema", () => {
  it("accepts a change of server alone, keeping the stored credentials", () => {
    expect(clusterUpdateSchema.parse({ server: "https://k8s.example:443" })).toEqual({ server: "https://k8s.example:443" });
  });

  it("refuses a new name, which apps refer to, and both ways of authenticating at once", () => {
    expect(clusterUpdateSchema.safeParse({ name: "other" }).success).toBe(false);
    expect(messagesOf(clusterUpdateSchema.safeParse({ token: "t", clientKey: KEY }))).toEqual(["Give either a bearer token or a client certificate and key, not both."]);
  });
});
