import { describe, expect, it } from "vitest";

import { parseRepoUrl, repoHash } from "./repo-url";

describe("parseRepoUrl", () => {
  it("takes credentials out of an HTTPS URL", () => {
    expect(parseRepoUrl("https://bob:p%40ss@git.example/org/repo.git")).toEqual({
      url: "https://git.example/org/repo.git",
      credentials: { username: "bob", password: "p@ss" },
    });
  });

  it("leaves URLs without credentials and scp-like SSH URLs unchanged", () => {
    expect(parseRepoUrl("https://git.example/org/repo.git")).toEqual({ url: "https://git.example/org/repo.git" });
    expect(parseRepoUrl("git@github.com:org/repo.git")).toEqual({ url: "git@github.com:org/repo.git" });
  });

  it("refuses a URL git would read as an option", () => {
    expect(() => parseRepoUrl("--upload-pack=touch /tmp/x")).toThrow("is not a valid repository URL");
  });
});

describe("repoHash", () => {
  it("gives one mirror to a repository whatever credentials or trailing slash its URL has", () => {
    expect(repoHash("https://a:b@git.example/r.git/")).toBe(repoHash("https://git.example/r.git"));
    expect(repoHash("https://git.example/r.git")).not.toBe(repoHash("https://git.example/s.git"));
  });
});
