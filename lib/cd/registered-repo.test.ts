import { describe, expect, it } from "vitest";

import { registeredRepoUrl } from "./registered-repo";

const APPS = ["https://git.example.com/acme/config.git", "git@git.example.com:acme/infra.git", "http://127.0.0.1:4000/team/app.git"];

describe("registeredRepoUrl", () => {
  it.each([
    ["https://git.example.com/acme/config.git", "https://git.example.com/acme/config.git"],
    ["https://GIT.example.com/acme/config/", "https://git.example.com/acme/config.git"],
    ["ssh://git@git.example.com/acme/config", "https://git.example.com/acme/config.git"],
    ["http://git.example.com/acme/config.git", "https://git.example.com/acme/config.git"],
    ["https://git.example.com/acme/infra", "git@git.example.com:acme/infra.git"],
    ["http://127.0.0.1:4000/team/app", "http://127.0.0.1:4000/team/app.git"],
  ])("answers the app's own URL for %s", (requested, registered) => {
    expect(registeredRepoUrl(requested, APPS)).toBe(registered);
  });

  it.each([
    "file:///etc",
    "/etc",
    "/srv/git/acme/config.git",
    "file:///git.example.com/acme/config.git",
    "http://169.254.169.254/latest/meta-data",
    "http://internal.example/acme/config.git",
    "https://git.example.com/acme/config-other.git",
    "https://git.example.com/acme",
    "not a url",
    "",
  ])("refuses %j, which no app uses", (requested) => {
    expect(registeredRepoUrl(requested, APPS)).toBeUndefined();
  });

  it("refuses everything when no app is registered", () => {
    expect(registeredRepoUrl("https://git.example.com/acme/config.git", [])).toBeUndefined();
  });
});
