/**
 * Secrets at rest and in errors. A Secret synced from Git must leave no byte of its value in
 * the database file — the stored manifests of an operation included, even decompressed — and a
 * JSON syntax error next to a Secret's value must not quote the value into the app's
 * conditions, which every viewer of the app can read.
 */
import { randomBytes } from "node:crypto";
import { gunzipSync } from "node:zlib";

import { openDb } from "@/lib/db/client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { commitFiles, createGitFixture, type GitFixture } from "../../helpers/git";
import { api, type DiffBody, type OperationBody } from "../../helpers/lockstep-api";
import { readStoredText } from "../../helpers/test-database";
import { startWebServer, type WebServer } from "../../helpers/web-server";

const SECRET = (value: string) => `apiVersion: v1
kind: Secret
metadata:
  name: at-rest
type: Opaque
stringData:
  password: ${value}
data:
  token: ${Buffer.from(value).toString("base64")}
`;

/** The canary as written, and base64-encoded as the API server and `data` hold it. */
const forms = (value: string) => [value, Buffer.from(value).toString("base64")];

describe("secrets at rest and in errors", () => {
  let web: WebServer;
  let git: GitFixture;

  beforeAll(async () => {
    git = await createGitFixture();
    web = await startWebServer({ kubeconfig: inject("kubeconfig"), env: { LOCKSTEP_SECRET_KEY: randomBytes(32).toString("base64") } });
  });

  afterAll(async () => {
    await web?.stop();
    await git?.cleanup();
  });

  it("keeps no byte of a synced Secret in the database file, stored manifests included", async () => {
    const canary = `canary-rest-${randomBytes(6).toString("hex")}`;
    const id = randomBytes(3).toString("hex");
    const name = `at-rest-${id}`;
    const repo = await git.createRepo(`${name}.git`);
    await commitFiles(repo, { files: { "secret.yaml": SECRET(canary) }, message: "Plant" });
    const created = await api(web.url, "POST", "/api/apps", { name, repoUrl: git.server.repoUrl(`${name}.git`), targetRevision: "main", destNamespace: name, createNamespace: true });
    expect(created.status, created.text).toBe(201);
    const synced = await api<OperationBody>(web.url, "POST", `/api/apps/${name}/sync?wait=true`, {});
    expect(synced.body.phase, synced.text).toBe("Succeeded");

    const stored = await readStoredText(web);
    expect(stored.length).toBeGreaterThan(0);
    for (const { where, text } of stored) {
      for (const form of forms(canary)) expect(text, where).not.toContain(form);
    }

    const db = await openDb(web.databaseUrl);
    try {
      const rows = await db.operation.findMany({ where: { manifests: { not: null } }, select: { manifests: true } });
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const stored = Buffer.from(row.manifests!);
        expect(stored[0] === 0x1f && stored[1] === 0x8b, "manifests are stored gzip-only").toBe(false);
        const readable = [stored.toString("latin1")];
        try {
          readable.push(gunzipSync(stored).toString("utf8"));
        } catch {
          // Not a gzip stream: encrypted, as it should be.
        }
        for (const text of readable) for (const form of forms(canary)) expect(text).not.toContain(form);
      }
    } finally {
      await db.$disconnect();
    }
  });

  it("does not quote a Secret's value next to a JSON syntax error into the app's conditions", async () => {
    const canary = `canary-json-${randomBytes(6).toString("hex")}`;
    const id = randomBytes(3).toString("hex");
    const name = `broken-json-${id}`;
    const repo = await git.createRepo(`${name}.git`);
    const broken = `{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "broken"},\n "stringData": {"password": ${canary}}}\n`;
    await commitFiles(repo, { files: { "secret.json": broken }, message: "Broken JSON" });
    const created = await api(web.url, "POST", "/api/apps", { name, repoUrl: git.server.repoUrl(`${name}.git`), targetRevision: "main", destNamespace: name, createNamespace: true });
    expect(created.status, created.text).toBe(201);

    const diff = await api<DiffBody>(web.url, "GET", `/api/apps/${name}/diff?refresh=true`);
    const messages = diff.body.conditions.map((condition) => condition.message).join("\n");
    expect(messages).toContain("secret.json");
    expect(messages).toMatch(/line 2, column \d+/);
    expect(messages).not.toContain(canary.slice(0, 10));
    expect(messages).not.toContain(canary.slice(-6));

    const app = await api(web.url, "GET", `/api/apps/${name}`);
    expect(app.text).not.toContain(canary.slice(-6));
  });
});
