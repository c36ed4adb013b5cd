import { describe, expect, it } from "vitest";
import { matchesPatterns, matchesRepoPatterns } from "./patterns";

describe("allow/deny pattern lists", () => {
  it.each([
    ["web", ["*"], true],
    ["web", ["api", "w?b"], true],
    ["web", ["api"], false],
    ["team-a-web", ["team-a-*", "!team-a-secret*"], true],
    ["team-a-secrets", ["team-a-*", "!team-a-secret*"], false],
    ["team-a-secrets", ["!team-a-secret*", "*"], false],
    ["web", ["!api"], false],
    ["web", [], false],
  ])("%s against %j is %s", (value, patterns, expected) => {
    expect(matchesPatterns(value, patterns)).toBe(expected);
  });
});

describe("repository pattern lists", () => {
  it.each([
    ["https://git.example/org/app", ["https://git.example/org/app"], true],
    ["https://git.example/org/app.git", ["https://git.example/org/app"], true],
    ["https://git.example/org/app/", ["https://git.example/org/app.git"], true],
    ["https://Git.Example/Org/App.git/", ["https://git.example/org/app"], true],
    ["git@git.example:org/app.git", ["https://git.example/org/*"], true],
    ["ssh://git@git.example:22/org/app", ["https://git.example/org/*"], true],
    ["https://git.example/org/app", ["https://git.example/org/ap?"], true],
    ["https://example/org/app", ["https://*.example/org/*"], false],
    ["https://code.git.example/org/app", ["https://*.example/org/*"], true],
    ["https://git.example/other/app", ["https://git.example/org/*"], false],
    ["https://git.example/org/secret.git", ["https://git.example/org/*", "!https://git.example/org/secret"], false],
    ["https://git.example/org/app", ["*"], true],
    ["https://git.example/org/app", ["!https://git.example/org/secret", "*"], true],
  ])("%s against %j is %s", (repoUrl, patterns, expected) => {
    expect(matchesRepoPatterns(repoUrl, patterns)).toBe(expected);
  });
});
