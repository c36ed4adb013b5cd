import { describe, expect, it } from "vitest";

import { resolveRepoDir, toTreePath } from "./repo-paths";

describe("toTreePath", () => {
  it.each([
    { input: "a.yaml", expected: "a.yaml" },
    { input: "./apps//guestbook/deploy.yaml", expected: "apps/guestbook/deploy.yaml" },
    { input: "apps/", expected: "apps" },
    { input: "apps/./x/../y.yaml", expected: "apps/y.yaml" },
  ])("normalizes $input to $expected", ({ input, expected }) => {
    expect(toTreePath(input)).toBe(expected);
  });

  it.each(["", ".", "/etc/passwd", "../outside.yaml", "a/../../b", ".git/config", "sub/.GIT/hooks/x", "nul\0byte"])(
    "rejects %j",
    (input) => {
      expect(() => toTreePath(input)).toThrow(/Invalid file path/);
    },
  );
});

describe("resolveRepoDir", () => {
  it.each([
    { name: "config.git", expected: "/srv/config.git" },
    { name: "team/apps.git", expected: "/srv/team/apps.git" },
  ])("places $name under the root", ({ name, expected }) => {
    expect(resolveRepoDir("/srv", name)).toBe(expected);
  });

  it.each(["", "/abs.git", "../up.git", "a/../b.git", "a//b.git", "./x.git"])("rejects %j", (name) => {
    expect(() => resolveRepoDir("/srv", name)).toThrow(/Invalid repository name/);
  });
});
