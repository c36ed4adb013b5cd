import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/database";
import { openTempDatabase, type TempDatabase } from "@/lib/db/testing/temp-database";
import { toSecretKey } from "./secret-key";
import { createCredentialStore } from "./store";

describe("a credential store", () => {
  let temp: TempDatabase;
  let db: Database;

  beforeAll(async () => {
    temp = await openTempDatabase("credentials");
    db = temp.db;
  });

  afterAll(() => temp.dispose());

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
