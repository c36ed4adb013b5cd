import { describe, expect, it } from "vitest";

import { repoCredentialCreateSchema, repoCredentialUpdateSchema } from "./schema";

const KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n";
const messagesOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((issue) => issue.message) ?? [];

describe("repoCredentialCreateSchema", () => {
  it("reads HTTPS credentials and infers the kind from the prefix", () => {
    expect(repoCredentialCreateSchema.parse({ urlPrefix: " https://github.com/acme ", username: "bot", password: "tok" })).toEqual({
      urlPrefix: "https://github.com/acme",
      kind: "https",
      username: "bot",
      password: "tok",
    });
    expect(repoCredentialCreateSchema.parse({ urlPrefix: "git@github.com:acme", privateKey: KEY }).kind).toBe("ssh");
  });

  it.each([
    [{ urlPrefix: "https://github.com/acme", username: "bot" }, "Token or password is required for HTTPS credentials."],
    [{ urlPrefix: "https://github.com/acme", password: "tok" }, "User name is required for HTTPS credentials (any non-empty name for most token hosts, e.g. x-access-token)."],
    [{ urlPrefix: "git@github.com:acme" }, "Private key is required for SSH credentials."],
    [{ urlPrefix: "git@github.com:acme", kind: "https", username: "u", password: "p" }, "HTTPS credentials need an http(s):// URL prefix."],
    [{ urlPrefix: "github.com/acme", username: "u", password: "p" }, "URL prefix must be a repository URL or the start of one, e.g. https://github.com/acme or git@github.com:acme."],
    [{ urlPrefix: "git@github.com:acme", privateKey: "not a key" }, "Private key must be an OpenSSH or PEM private key (-----BEGIN ... PRIVATE KEY-----), without a passphrase."],
    [{ urlPrefix: "git@github.com:acme", privateKey: KEY, knownHosts: "just-a-host" }, "Known hosts must be known_hosts lines: host, key type and key (as ssh-keyscan prints them)."],
  ])("refuses %j with one sentence", (input, message) => {
    expect(messagesOf(repoCredentialCreateSchema.safeParse(input))).toContain(message);
  });

  it("never quotes a secret back in its messages", () => {
    const secret = "s3cret-token-value";
    const results = [
      repoCredentialCreateSchema.safeParse({ urlPrefix: `https://bot:${secret}@github.com/acme`, username: "bot", password: secret }),
      repoCredentialCreateSchema.safeParse({ urlPrefix: "git@github.com:acme", privateKey: `${secret}\n${secret}` }),
      repoCredentialCreateSchema.safeParse({ urlPrefix: "https://github.com/acme", username: "bot", password: `${secret}\n` }),
    ];
    for (const result of results) {
      expect(result.success).toBe(false);
      expect(JSON.stringify(messagesOf(result))).not.toContain(secret);
    }
  });
});

describe("repoCredentialUpdateSchema", () => {
  it("accepts an empty private key (keep the stored one) and refuses unknown fields", () => {
    expect(repoCredentialUpdateSchema.parse({ privateKey: "", knownHosts: null })).toEqual({ privateKey: "", knownHosts: null });
    expect(repoCredentialUpdateSchema.safeParse({ kind: "ssh" }).success).toBe(false);
  });
});
