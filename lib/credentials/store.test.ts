import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/database";
import { toSecretKey } from "./secret-key";
import { createCredentialStore } from "./store";

describe("a credential store", () => {
  let dir: string;
  let db: Database;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "lockstep-credentials-"));
    db = await openDatabase({ url: `file:${path.join(dir, "credentials.db")}` });
  });

  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("stores ciphertext, lists no secret and hands the secret to Git only", async () => {
    const store = createCredentialStore({ db, keyRing: { current: toSecretKey(randomBytes(32)), previous: [] } });
    const view = await store.createRepoCredential({ urlPrefix: "https://git.example/team/", kind: "https", username: "ci", password: "hunter2" });
    expect(view).not.toHaveProperty("secret");
    const [row] = await db.repoCredentials.listRepoCredentialRows();
    expect(row?.secret).not.toContain("hunter2");
    expect(await store.credentialsFor("https://git.example/team/app.git")).toEqual({ basic: { username: "ci", password: "hunter2" } });
    expect(await store.credentialsFor("https://other.example/app.git")).toBeUndefined();
  });

  it("cannot open what another store's keys sealed, and says which prefix", async () => {
    const other = createCredentialStore({ db, keyRing: { current: toSecretKey(randomBytes(32)), previous: [] } });
    await expect(other.credentialsFor("https://git.example/team/app.git")).rejects.toThrow("The credentials for https://git.example/team/ cannot be used");
  });
});
