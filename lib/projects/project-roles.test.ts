import { describe, expect, it } from "vitest";
import { projectRolesOf, type ProjectPrincipal } from "./project-roles";
import { projectSpecSchema } from "./schema";

const project = projectSpecSchema.parse({
  name: "team-a",
  roles: [
    { name: "readers", role: "viewer", users: ["carol"], groups: ["team-a"] },
    { name: "deployers", role: "deployer", users: ["alice"], groups: ["team-a-oncall"], tokens: ["ci"] },
    { name: "owners", role: "admin", groups: ["team-a-leads"] },
  ],
});

const user = (name: string, groups: string[] = []): ProjectPrincipal => ({ kind: "user", name, groups });
const token = (name: string): ProjectPrincipal => ({ kind: "token", name: `token:${name}` });

describe("projectRolesOf", () => {
  it.each([
    ["a user named in a binding", user("alice"), "deployer"],
    ["a user through one of its groups", user("dave", ["other", "team-a"]), "viewer"],
    ["the strongest of several bindings", user("carol", ["team-a-oncall", "team-a-leads"]), "admin"],
    ["a token by its name", token("ci"), "deployer"],
    ["a user bound nowhere", user("mallory", ["team-b"]), undefined],
    ["a token bound nowhere", token("release"), undefined],
    ["a token whose name is a bound user's", token("alice"), undefined],
    ["a user whose name is a bound token's", user("ci"), undefined],
    ["a user without groups", { kind: "user", name: "eve" } satisfies ProjectPrincipal, undefined],
  ] as const)("gives %s the role %s", (_what, principal, expected) => {
    expect(projectRolesOf(project, principal)).toBe(expected);
  });
});
