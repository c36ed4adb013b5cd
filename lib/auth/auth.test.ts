import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/database";
import { openTempDatabase, type TempDatabase } from "@/lib/db/testing/temp-database";
import { createAuth } from "./auth";
import { TooManyAttemptsError, UnauthorizedError } from "./errors";
import { projectSpecSchema } from "@/lib/projects/schema";
import { hashPassword } from "./password";

describe("two Auth objects on one database", () => {
  let temp: TempDatabase;
  let db: Database;

  beforeAll(async () => {
    temp = await openTempDatabase("auth");
    db = temp.db;
    await db.users.createUser({ name: "alice", role: "viewer", passwordHash: await hashPassword("correct horse battery") });
  });

  afterAll(() => temp.dispose());

  it("count failed sign-ins each on their own", async () => {
    const now = Date.now();
    const first = createAuth({ db, env: {}, clock: () => now });
    const second = createAuth({ db, env: {}, clock: () => now });
    for (let i = 0; i < 5; i += 1) {
      await expect(first.signInWithPassword({ name: "alice", password: "wrong", address: "10.0.0.1" })).rejects.toThrow(UnauthorizedError);
    }
    await expect(first.signInWithPassword({ name: "alice", password: "correct horse battery", address: "10.0.0.1" })).rejects.toThrow(TooManyAttemptsError);
    expect(first.limiter.account.retryAfterMs("alice", now)).toBeGreaterThan(0);
    expect(second.limiter.account.retryAfterMs("alice", now)).toBe(0);
    const session = await second.signInWithPassword({ name: "alice", password: "correct horse battery", address: "10.0.0.1" });
    expect(session.user.name).toBe("alice");
    expect(await first.authenticateSession(session.cookieValue)).toMatchObject({ kind: "user", name: "alice" });
  }, 30_000);

  it("count parallel wrong sign-ins before hashing, and still let the owner in from another address", async () => {
    const now = Date.now();
    const auth = createAuth({ db, env: {}, clock: () => now });
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => auth.signInWithPassword({ name: "alice", password: "wrong", address: "203.0.113.7" })));
    const reasons = results.map((r) => (r.status === "rejected" ? r.reason : undefined));
    expect(reasons.filter((r) => r instanceof UnauthorizedError)).toHaveLength(5);
    expect(reasons.filter((r) => r instanceof TooManyAttemptsError)).toHaveLength(7);
    const session = await auth.signInWithPassword({ name: "alice", password: "correct horse battery", address: "198.51.100.2" });
    expect(session.user.name).toBe("alice");
  }, 30_000);

  it("take session lifetimes and the clock from their own dependencies", async () => {
    const auth = createAuth({ db, env: { LOCKSTEP_SESSION_HOURS: "1" }, clock: () => Date.parse("2030-01-01T00:00:00Z") });
    const session = await auth.startSession((await db.users.findUser("alice"))!);
    expect(session.expiresAt.toISOString()).toBe("2030-01-01T01:00:00.000Z");
  });

  it("answer single sign-on as off when their environment does not configure it", async () => {
    const auth = createAuth({ db, env: {} });
    expect(auth.isOidcConfigured()).toBe(false);
    await expect(auth.beginOidcSignIn({ origin: "https://lockstep.example", next: "/" })).rejects.toThrow("Single sign-on is not configured.");
  });
});

describe("authentication with projects", () => {
  let temp: TempDatabase;
  let db: Database;

  beforeAll(async () => {
    temp = await openTempDatabase("auth-projects");
    db = temp.db;
    const roles = [
      { name: "leads", role: "admin", users: ["bob"], groups: [], tokens: [] },
      { name: "devs", role: "deployer", users: [], groups: ["team-a-devs"], tokens: ["team-a-ci"] },
    ];
    await db.projects.createProject(projectSpecSchema.parse({ name: "team-a", roles }));
    await db.projects.createProject(projectSpecSchema.parse({ name: "team-b", roles: [{ name: "readers", role: "viewer", users: ["carol"] }] }));
  });

  afterAll(() => temp.dispose());

  it("gives a user its role in each project that binds its name or one of the groups it signed in with", async () => {
    await db.users.createUser({ name: "carol", role: "viewer", passwordHash: null, source: "oidc", groups: ["team-a-devs"], projects: ["team-b"] });
    const auth = createAuth({ db, env: {} });
    const session = await auth.startSession((await db.users.findUser("carol"))!);
    expect(await auth.authenticateSession(session.cookieValue)).toMatchObject({ name: "carol", projects: ["team-b"], projectRoles: { "team-a": "deployer", "team-b": "viewer" } });
  });

  it("gives a token its role by token name and keeps its project limit", async () => {
    const auth = createAuth({ db, env: {} });
    const admin = { kind: "user" as const, name: "admin", role: "admin" as const, grants: ["*"], mustChangePassword: false };
    const issued = await auth.issueApiToken({ name: "team-a-ci", role: "viewer", apps: null, projects: ["team-a"], expiresInDays: 1 }, admin);
    expect(await auth.authenticateToken(issued.value)).toMatchObject({ name: "token:team-a-ci", projects: ["team-a"], projectRoles: { "team-a": "deployer" } });
  });

  it("leaves a principal no project bindings name without project roles", async () => {
    await db.users.createUser({ name: "dave", role: "viewer", passwordHash: null });
    const auth = createAuth({ db, env: {} });
    const session = await auth.startSession((await db.users.findUser("dave"))!);
    const principal = await auth.authenticateSession(session.cookieValue);
    expect(principal?.projectRoles).toBeUndefined();
    expect(principal?.projects).toBeUndefined();
  });
});
