import { describe, expect, it } from "vitest";

import { bestMatch, prefixScore } from "./url-prefix";

describe("prefixScore", () => {
  it.each([
    ["https://github.com/acme", "https://github.com/acme/app.git", 2],
    ["https://github.com/acme/", "https://github.com/acme/app", 2],
    ["https://GitHub.com/acme", "https://github.com/acme/app", 2],
    ["https://github.com", "https://github.com/acme/app", 1],
    ["https://github.com/acme/app.git", "https://github.com/acme/app", 3],
    ["git@github.com:acme", "ssh://git@github.com/acme/app.git", 2],
    ["ssh://git@github.com/acme", "git+ssh://git@github.com/acme/app.git", 2],
    ["http://127.0.0.1:3000/", "http://127.0.0.1:3000/acme/app.git", 1],
  ])("%s covers %s", (prefix, url, score) => {
    expect(prefixScore(prefix, url)).toBe(score);
  });

  it.each([
    ["https://github.com/ac", "https://github.com/acme/app"],
    ["https://github.com/acme", "https://gitlab.com/acme/app"],
    ["https://github.com/acme", "git@github.com:acme/app.git"],
    ["http://127.0.0.1:3000/acme", "http://127.0.0.1:4000/acme/app"],
    ["https://github.com/acme/app", "https://github.com/acme"],
    ["https://github.com/acme", "http://github.com/acme/app"],
    ["https://127.0.0.1:3000/", "http://127.0.0.1:3000/acme/app.git"],
    ["http://github.com/acme", "https://github.com/acme/app"],
  ])("%s does not cover %s", (prefix, url) => {
    expect(prefixScore(prefix, url)).toBe(0);
  });
});

describe("bestMatch", () => {
  const entries = [
    { urlPrefix: "https://github.com/acme", kind: "https", label: "org" },
    { urlPrefix: "https://github.com/acme/secret", kind: "https", label: "repo" },
    { urlPrefix: "git@github.com:acme", kind: "ssh", label: "ssh-org" },
    { urlPrefix: "https://github.com", kind: "ssh", label: "mismatched" },
  ];

  it("picks the longest prefix", () => {
    expect(bestMatch(entries, "https://github.com/acme/secret.git")?.label).toBe("repo");
    expect(bestMatch(entries, "https://github.com/acme/other")?.label).toBe("org");
  });

  it("only offers a credential for the transport it speaks", () => {
    expect(bestMatch(entries, "git@github.com:acme/app.git")?.label).toBe("ssh-org");
    expect(bestMatch(entries, "https://github.com/someone/else")).toBeUndefined();
  });

  it("never offers an https credential to a plain http URL of the same host", () => {
    expect(bestMatch(entries, "http://github.com/acme/secret.git")).toBeUndefined();
    const local = [{ urlPrefix: "https://127.0.0.1:3000/", kind: "https", label: "tls" }];
    expect(bestMatch(local, "http://127.0.0.1:3000/private.git")).toBeUndefined();
    expect(bestMatch([...local, { urlPrefix: "http://127.0.0.1:3000/", kind: "https", label: "plain" }], "http://127.0.0.1:3000/private.git")?.label).toBe("plain");
  });
});
