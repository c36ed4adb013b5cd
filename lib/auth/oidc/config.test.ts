import { describe, expect, it } from "vitest";
import { oidcConfig, parseRoleMappings, roleForGroups } from "./config";

describe("single sign-on configuration", () => {
  it("is off unless issuer, client id and secret are all set", () => {
    expect(oidcConfig({ LOCKSTEP_OIDC_ISSUER: "https://id.example" })).toBeUndefined();
    const config = oidcConfig({ LOCKSTEP_OIDC_ISSUER: "https://id.example", LOCKSTEP_OIDC_CLIENT_ID: "lockstep", LOCKSTEP_OIDC_CLIENT_SECRET: "s" });
    expect(config).toMatchObject({ issuer: "https://id.example", scopes: "openid profile email groups", groupsClaim: "groups", allowHttp: false, roleMappings: [] });
  });

  it("reads the role map, deployer grants included, and refuses a bad entry", () => {
    expect(parseRoleMappings("ops=admin; devs=deployer:web,team-a-*; *=viewer")).toEqual([
      { group: "ops", role: "admin", grants: [] },
      { group: "devs", role: "deployer", grants: ["web", "team-a-*"] },
      { group: "*", role: "viewer", grants: [] },
    ]);
    expect(() => parseRoleMappings("ops=root")).toThrow('LOCKSTEP_OIDC_ROLE_MAP entry "ops=root" must read group=role');
  });

  it("gives the strongest role the groups map to, with the grants of every deployer mapping", () => {
    const mappings = parseRoleMappings("ops=admin; devs=deployer:web; qa=deployer:qa-*; staff=viewer");
    expect(roleForGroups(["devs", "qa", "staff"], mappings)).toEqual({ role: "deployer", grants: ["web", "qa-*"] });
    expect(roleForGroups(["ops", "devs"], mappings)).toEqual({ role: "admin", grants: [] });
    expect(roleForGroups(["staff"], mappings)).toEqual({ role: "viewer", grants: [] });
    expect(roleForGroups(["visitors"], mappings)).toBeUndefined();
  });
});
