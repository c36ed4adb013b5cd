import { describe, expect, it } from "vitest";
import { DEFAULT_PROJECT_SPEC, projectSpecSchema } from "./schema";
import { checkSource } from "./source";

const teamA = projectSpecSchema.parse({ name: "team-a", sourceRepos: ["https://git.example/team-a/*", "!https://git.example/team-a/secrets"] });

describe("checkSource", () => {
  it("lets the default project render from any repository", () => {
    expect(checkSource(DEFAULT_PROJECT_SPEC, "https://git.example/anyone/anything.git")).toBeUndefined();
  });

  it("accepts a repository matching the project's patterns whatever its spelling", () => {
    expect(checkSource(teamA, "git@git.example:team-a/web.git")).toBeUndefined();
  });

  it("refuses a repository outside the project's patterns, naming the project", () => {
    expect(checkSource(teamA, "https://git.example/team-b/web")).toEqual({
      rule: "source",
      message: "Repository https://git.example/team-b/web is not a source of project team-a.",
    });
  });

  it("refuses a repository a deny pattern names even though an allow pattern matches it", () => {
    expect(checkSource(teamA, "https://git.example/team-a/secrets.git")?.rule).toBe("source");
  });

  it("keeps credentials out of the message", () => {
    expect(checkSource(teamA, "https://bob:s3cret@git.example/team-b/web")?.message).not.toContain("s3cret");
  });
});
