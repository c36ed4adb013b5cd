import { describe, expect, it } from "vitest";

import { repoLocation, repoMatchKey } from "./repo-location";

describe("repoLocation", () => {
  it.each([
    ["https://GitHub.com/Acme/App.git", { transport: "http", scheme: "https", host: "github.com", path: "Acme/App" }],
    ["https://bot:token@github.com/acme/app/", { transport: "http", scheme: "https", host: "github.com", path: "acme/app" }],
    ["https://github.com:443/acme/app", { transport: "http", scheme: "https", host: "github.com", path: "acme/app" }],
    ["http://127.0.0.1:3000/acme/app.git", { transport: "http", scheme: "http", host: "127.0.0.1", port: 3000, path: "acme/app" }],
    ["ssh://git@github.com/acme/app.git", { transport: "ssh", scheme: "ssh", host: "github.com", path: "acme/app" }],
    ["ssh://git@gitea.example:2222/acme/app.git", { transport: "ssh", scheme: "ssh", host: "gitea.example", port: 2222, path: "acme/app" }],
    ["git@github.com:acme/app.git", { transport: "ssh", scheme: "ssh", host: "github.com", path: "acme/app" }],
    ["git@gitlab.example.com:group/sub/project.git", { transport: "ssh", scheme: "ssh", host: "gitlab.example.com", path: "group/sub/project" }],
    ["git://git.example/acme/app.git", { transport: "git", scheme: "git", host: "git.example", path: "acme/app" }],
    ["file:///srv/git/app.git", { transport: "file", scheme: "file", host: "", path: "srv/git/app" }],
  ])("reads %s", (url, expected) => {
    expect(repoLocation(url)).toEqual(expected);
  });

  it.each(["", "not a url", "ftp://host/x.git"])("refuses %j", (url) => {
    expect(repoLocation(url)).toBeUndefined();
  });
});

describe("repoMatchKey", () => {
  it("gives the same key to every spelling of one repository", () => {
    const spellings = [
      "https://github.com/acme/app",
      "https://github.com/acme/app.git",
      "https://GITHUB.com/Acme/App.git/",
      "http://github.com/acme/app",
      "ssh://git@github.com/acme/app.git",
      "ssh://git@github.com:22/acme/app",
      "git@github.com:acme/app.git",
      "git://github.com/acme/app.git",
    ];
    expect(new Set(spellings.map(repoMatchKey))).toEqual(new Set(["github.com/acme/app"]));
  });

  it("tells different repositories apart", () => {
    expect(repoMatchKey("https://github.com/acme/app")).not.toBe(repoMatchKey("https://github.com/acme/app-config"));
    expect(repoMatchKey("https://github.com/acme/app")).not.toBe(repoMatchKey("https://gitlab.com/acme/app"));
  });
});
