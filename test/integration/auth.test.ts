/**
 * Sign-in, sessions, API tokens, the audit log and the web hardening, against a real server.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb } from "@/lib/db/client";
import { createTestUser, signInApi } from "../helpers/auth";
import { api } from "../helpers/lockstep-api";
import { startWebServer, type WebServer } from "../helpers/web-server";

interface AuditBody {
  total: number;
  entries: { actor: string; actorKind: string; action: string; app: string | null; address: string | null; result: string; status: number; detail: string | null }[];
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

describe("the first start", () => {
  let web: WebServer;

  beforeAll(async () => {
    web = await startWebServer({ kubeconfig: inject("kubeconfig"), env: { LOCKSTEP_ADMIN_PASSWORD: "", LOCKSTEP_RECONCILER: "off" }, signIn: false });
  });

  afterAll(async () => {
    await web?.stop();
  });

  it("prints a generated admin password once, and allows nothing but changing it at first sign-in", async () => {
    const printed = /password: (\S+)/.exec(web.logs());
    expect(printed, web.logs()).not.toBeNull();
    const password = printed![1]!;
    expect(web.logs().split(password)).toHaveLength(2);

    const cookie = await signInApi(web.url, "admin", password);
    const blocked = await api(web.url, "GET", "/api/apps", undefined, { token: null, headers: { cookie } });
    expect(blocked.status).toBe(403);
    expect(blocked.body).toEqual({ error: "Change your password first; nothing else is allowed until then." });
    const page = await fetch(`${web.url}/`, { headers: { cookie }, redirect: "manual" });
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toMatch(/\/account\/password$/);

    const short = await post(`${web.url}/api/auth/password`, { currentPassword: password, newPassword: "short" }, { cookie, origin: web.url });
    expect(short.status).toBe(422);
    expect(await short.text()).toContain("at least 12 characters");
    const changed = await post(`${web.url}/api/auth/password`, { currentPassword: password, newPassword: "the admin's own password" }, { cookie, origin: web.url });
    expect(changed.status).toBe(200);
    expect((await api(web.url, "GET", "/api/apps", undefined, { token: null, headers: { cookie } })).status).toBe(200);
    await expect(signInApi(web.url, "admin", password)).rejects.toThrow(/401/);
  });
});

describe("sign-in and its hardening", () => {
  let web: WebServer;

  beforeAll(async () => {
    web = await startWebServer({ kubeconfig: inject("kubeconfig"), env: { LOCKSTEP_RECONCILER: "off" } });
  });

  afterAll(async () => {
    await web?.stop();
  });

  it("sets an HTTP-only, SameSite=Lax session cookie holding no user data, and ends it on sign-out", async () => {
    const response = await post(`${web.url}/api/auth/login`, { username: "admin", password: web.adminPassword }, { origin: web.url });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("lockstep_session="))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect(cookie).not.toContain("admin");
    const session = cookie.split(";")[0]!;
    expect((await api(web.url, "GET", "/api/auth/me", undefined, { token: null, headers: { cookie: session } })).body).toMatchObject({ name: "admin", role: "admin" });
    const out = await post(`${web.url}/api/auth/logout`, {}, { cookie: session, origin: web.url });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/Max-Age=0/);
    expect((await api(web.url, "GET", "/api/auth/me", undefined, { token: null, headers: { cookie: session } })).status).toBe(401);
  });

  it("answers a wrong password and an unknown user alike, and limits failed sign-ins per account", async () => {
    const wrong = await post(`${web.url}/api/auth/login`, { username: "admin", password: "not it" });
    const unknown = await post(`${web.url}/api/auth/login`, { username: "nobody", password: "not it" });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await wrong.json()).toEqual(await unknown.json());
    await createTestUser(web, { name: "limited", role: "viewer" });
    for (let i = 0; i < 5; i++) expect((await post(`${web.url}/api/auth/login`, { username: "limited", password: `guess ${i}` })).status).toBe(401);
    const locked = await post(`${web.url}/api/auth/login`, { username: "limited", password: "limited-chosen-password" });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await locked.json()).error).toMatch(/Too many failed sign-ins; try again in \d+ (seconds?|minutes?)\./);
  });

  it("accepts API tokens until they expire or are revoked, and honours their app scope", async () => {
    const scoped = await api<{ value: string; token: { id: string } }>(web.url, "POST", "/api/tokens", { name: "ci", role: "deployer", apps: ["web-*"], expiresInDays: 1 });
    expect(scoped.status).toBe(201);
    expect(scoped.body.value).toMatch(/^lsp_/);
    const listed = await api(web.url, "GET", "/api/tokens");
    expect(listed.text).not.toContain(scoped.body.value);
    const token = scoped.body.value;
    expect((await api(web.url, "POST", "/api/apps/web-frontend/sync", {}, { token })).status).toBe(404);
    expect((await api(web.url, "POST", "/api/apps/billing/sync", {}, { token })).status).toBe(403);
    expect((await api(web.url, "POST", "/api/apps", {}, { token })).status).toBe(403);
    const expiring = await api<{ value: string; token: { id: string } }>(web.url, "POST", "/api/tokens", { name: "expiring", role: "viewer" });
    expect((await api(web.url, "GET", "/api/apps", undefined, { token: expiring.body.value })).status).toBe(200);
    const db = await openDb(web.databaseUrl);
    try {
      await db.apiToken.update({ where: { id: expiring.body.token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    } finally {
      await db.$disconnect();
    }
    expect((await api(web.url, "GET", "/api/apps", undefined, { token: expiring.body.value })).status).toBe(401);
    expect((await api(web.url, "DELETE", `/api/tokens/${scoped.body.token.id}`)).status).toBe(204);
    expect((await api(web.url, "GET", "/api/apps", undefined, { token })).status).toBe(401);
    expect((await api(web.url, "GET", "/api/apps", undefined, { token: "lsp_not-a-real-token" })).status).toBe(401);
  });

  it("refuses cookie-carrying changes, server actions included, sent from another site", async () => {
    const cookie = await signInApi(web.url, "admin", web.adminPassword);
    const body = { name: "csrf", role: "admin", password: "a password of length" };
    expect((await post(`${web.url}/api/users`, body, { cookie, origin: "https://evil.example" })).status).toBe(403);
    expect((await post(`${web.url}/api/users`, body, { cookie, "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await api(web.url, "GET", "/api/users")).text).not.toContain('"csrf"');
    const manifest = JSON.parse(await readFile(path.join(process.env.LOCKSTEP_DIST_DIR ?? ".next", "server", "server-reference-manifest.json"), "utf8")) as { node: Record<string, { exportedName: string }> };
    const syncAction = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === "syncAction")![0];
    const forged = await fetch(`${web.url}/apps/anything`, {
      method: "POST",
      headers: { cookie, origin: "https://evil.example", "next-action": syncAction, "content-type": "text/plain;charset=UTF-8" },
      body: JSON.stringify(["anything", { prune: false, dryRun: true, resources: [] }]),
    });
    expect(forged.status).toBe(403);
  });

  it("refuses request bodies over 1 MiB, declared or streamed", async () => {
    const big = JSON.stringify({ name: "x".repeat(1_100_000) });
    const declared = await fetch(`${web.url}/api/apps`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${web.adminToken}` }, body: big });
    expect(declared.status).toBe(413);
    expect((await declared.json()).error).toBe("The request body is larger than 1024 KiB.");
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const streamed = await fetch(`${web.url}/api/apps`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${web.adminToken}` }, body: stream, duplex: "half" } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it("sends security headers with pages and API answers", async () => {
    const page = await fetch(`${web.url}/login`);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[\w+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    const nonce = /'nonce-([\w+/=]+)'/.exec(csp)![1]!;
    const html = await page.text();
    expect(html).toContain(`nonce="${nonce}"`);
    for (const response of [page, await fetch(`${web.url}/api/openapi.json`)]) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
    }
    expect((await fetch(`${web.url}/api/openapi.json`)).headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("ignores internal headers a client sends to pose as someone or somewhere else", async () => {
    const response = await fetch(`${web.url}/api/apps`, { headers: { "x-lockstep-client-address": "10.9.9.9", "x-lockstep-stamp": "forged" } });
    expect(response.status).toBe(401);
    await post(`${web.url}/api/auth/login`, { username: "forger", password: "forged" }, { "x-lockstep-client-address": "10.9.9.9", "x-forwarded-for": "10.8.8.8" });
    await expect
      .poll(async () => (await api<AuditBody>(web.url, "GET", "/api/audit?actor=forger")).body.entries[0]?.address)
      .toMatch(/^(127\.0\.0\.1|::ffff:127\.0\.0\.1|::1)$/);
  });

  it("records who did what to which app, from where, with what result, and exports it as CSV and JSON", async () => {
    const deployer = await createTestUser(web, { name: "dora", role: "deployer", grants: ["audited"] });
    await api(web.url, "POST", "/api/apps/audited/sync", {}, { token: null, headers: { cookie: deployer.cookie, origin: web.url } });
    await api(web.url, "DELETE", "/api/apps/audited", undefined, { token: null, headers: { cookie: deployer.cookie, origin: web.url } });
    await api(web.url, "POST", "/api/apps", { name: "audited-new", repoUrl: "https://git.example.com/none.git", destNamespace: "x" });

    const forApp = async () => (await api<AuditBody>(web.url, "GET", "/api/audit?app=audited")).body;
    await expect.poll(async () => (await forApp()).total).toBe(2);
    const [deleted, synced] = (await forApp()).entries;
    expect(synced).toMatchObject({ actor: "dora", actorKind: "user", action: "app.sync", app: "audited", result: "failed", status: 404 });
    expect(deleted).toMatchObject({ actor: "dora", action: "app.delete", app: "audited", result: "denied", status: 403 });
    expect(deleted?.detail).toMatch(/This needs the admin role; dora is deployer\./);
    expect(synced?.address).toMatch(/127\.0\.0\.1|::1/);

    await expect.poll(async () => (await api<AuditBody>(web.url, "GET", "/api/audit?app=audited-new")).body.entries[0]).toMatchObject({ actor: "token:test-admin", actorKind: "token", action: "app.create" });
    const byActor = await api<AuditBody>(web.url, "GET", "/api/audit?actor=dora&result=denied");
    expect(byActor.body.entries.map((e) => e.action)).toEqual(["app.delete"]);

    const csv = await fetch(`${web.url}/api/audit?format=csv&app=audited`, { headers: { authorization: `Bearer ${web.adminToken}` } });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe("at,actor,actorKind,action,app,method,path,address,result,status,detail");
    expect(lines.slice(1).map((l) => l.split(",")[3])).toEqual(["app.delete", "app.sync"]);
  });
});
