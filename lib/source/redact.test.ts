import { describe, expect, it } from "vitest";

import { redactCredentials } from "./redact";

describe("redactCredentials", () => {
  it.each([
    ["fatal: unable to access 'https://bob:s3cret@git.example/x.git/': 403", "fatal: unable to access 'https://git.example/x.git/': 403"],
    ["remote: https://ghp_token123@github.com/org/repo.git", "remote: https://github.com/org/repo.git"],
    ["http://user:p@ss@host:8080/r.git and http://other:pw@host2/r", "http://host:8080/r.git and http://host2/r"],
    ["no url here, just user@example.com", "no url here, just user@example.com"],
    ["https://git.example/x.git has no credentials", "https://git.example/x.git has no credentials"],
    ["git@github.com:org/repo.git stays readable", "git@github.com:org/repo.git stays readable"],
  ])("removes the user-info of every URL: %s", (input, expected) => {
    expect(redactCredentials(input)).toBe(expected);
  });

  it("removes literal secrets wherever they appear", () => {
    expect(redactCredentials("password s3cret rejected", { secrets: ["s3cret"] })).toBe("password *** rejected");
  });
});
