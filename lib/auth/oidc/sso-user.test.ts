import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/database";
import { openTempDatabase, type TempDatabase } from "@/lib/db/testing/temp-database";
import { ForbiddenError } from "../errors";
import { upsertSsoUser } from "./sso-user";

const issuer = "https://id.example";

describe("the user of an SSO identity", () => {
  let temp: TempDatabase;
  let db: Database;

  beforeAll(async () => {
    temp = await openTempDatabase("sso-user");
    db = temp.db;
    await db.users.createUser({ name: "admin", role: "admin", passwordHash: null });
  });

  afterAll(() => temp.dispose());

  it("is made at the first sign-in and found again by issuer and subject, its role following its groups", async () => {
    const identity = { issuer, subject: "u-1", displayName: "dev" };
    const first = await upsertSsoUser(db.users, identity, { role: "viewer", grants: [], groups: ["staff"] });
    const again = await upsertSsoUser(db.users, { ...identity, displayName: "renamed" }, { role: "admin", grants: [], groups: ["ops"] });
    expect(again).toMatchObject({ id: first.id, name: "dev", source: "oidc", role: "admin", groups: ["ops"] });
  });

  it("is another user, under a derived name, for another identity with the same name", async () => {
    const owner = await upsertSsoUser(db.users, { issuer, subject: "twin-a", displayName: "twin" }, { role: "admin", grants: [], groups: ["ops"] });
    const other = await upsertSsoUser(db.users, { issuer, subject: "twin-b", displayName: "twin" }, { role: "viewer", grants: [], groups: ["staff"] });
    const third = await upsertSsoUser(db.users, { issuer: "https://other.example", subject: "twin-a", displayName: "twin" }, { role: "viewer", grants: [], groups: [] });
    expect([owner.name, other.name, third.name]).toEqual(["twin", "twin-2", "twin-3"]);
    expect(new Set([owner.id, other.id, third.id]).size).toBe(3);
    expect((await db.users.findUser("twin"))?.role).toBe("admin");
    expect((await db.users.findUser("twin-2"))?.role).toBe("viewer");
  });

  it("never takes over a local account of the same name", async () => {
    await expect(upsertSsoUser(db.users, { issuer, subject: "u-admin", displayName: "admin" }, { role: "admin", grants: [], groups: ["ops"] })).rejects.toThrow(
      new ForbiddenError('A local account is named "admin"; single sign-on may not take it over.'),
    );
    expect(await db.users.findUserByOidcIdentity({ issuer, subject: "u-admin" })).toBeUndefined();
  });

  it("does not claim a user that single sign-on made before identities were stored", async () => {
    await db.users.createUser({ name: "legacy", role: "admin", passwordHash: null, source: "oidc" });
    const user = await upsertSsoUser(db.users, { issuer, subject: "u-legacy", displayName: "legacy" }, { role: "viewer", grants: [], groups: [] });
    expect(user).toMatchObject({ name: "legacy-2", role: "viewer" });
    expect((await db.users.findUser("legacy"))?.role).toBe("admin");
  });

  it("stores each identity once", async () => {
    await expect(db.users.createUser({ name: "dup", role: "viewer", passwordHash: null, source: "oidc", oidcIdentity: { issuer, subject: "u-1" } })).rejects.toThrow(
      "already exists",
    );
  });
});
