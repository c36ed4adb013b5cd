/**
 * Canary values planted where secrets live — Secret data in Git (stringData and data), a
 * Secret changed in the cluster, a Secret the API server refuses, repository credentials, an
 * API token and the admin password — must not come back in any API response (every GET route,
 * found by globbing app/api), page, event stream, audit export or the server log.
 */
import { randomBytes } from "node:crypto";
import { glob, readFile } from "node:fs/promises";
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { KubeObjectClient } from "@/lib/kube/object-client";
import { commitFiles, createGitFixture, type GitFixture } from "../helpers/git";
import { api, type OperationBody } from "../helpers/lockstep-api";
import { startWebServer, type WebServer } from "../helpers/web-server";

const canary = (label: string) => `canary-${label}-${randomBytes(6).toString("hex")}`;

const SECRET = (values: { stringData: string; data: string }) => `apiVersion: v1
kind: Secret
metadata:
  name: planted
type: Opaque
stringData:
  password: ${values.stringData}
data:
  token: ${Buffer.from(values.data).toString("base64")}
`;

const CONFIGMAP = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata:\n  greeting: hello\n`;

/** Every way a canary could show: as is, base64-encoded, and base64 of a `user:password` pair. */
function forms(value: string): string[] {
  return [value, Buffer.from(value).toString("base64"), Buffer.from(value).toString("base64url")];
}

async function apiGetRoutes(): Promise<string[]> {
  const patterns: string[] = [];
  for await (const file of glob("app/api/**/route.ts")) {
    if (file.split(path.sep).some((s) => s.startsWith("_"))) continue;
    if (!/export\s+(async\s+)?(function|const)\s+GET\b/.test(await readFile(file, "utf8"))) continue;
    patterns.push(`/${file.split(path.sep).slice(1, -1).join("/")}`);
  }
  return patterns.sort();
}

/** The body of a response, or what an endless event stream sent within `ms`. */
async function readSome(response: Response, ms: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const decoder = new TextDecoder();
  const deadline = Date.now() + ms;
  let text = "";
  while (Date.now() < deadline) {
    const next = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), Math.max(0, deadline - Date.now())))]);
    if (!next || next.done) break;
    text += decoder.decode(next.value, { stream: true });
  }
  await reader.cancel().catch(() => undefined);
  return text;
}

describe("secrets never leave the server", () => {
  let web: WebServer;
  let git: GitFixture;
  let privateGit: GitFixture;
  let kube: KubeObjectClient;
  const canaries: Record<string, string> = {
    stringData: canary("stringdata"),
    data: canary("data"),
    rotated: canary("rotated"),
    live: canary("live"),
    invalid: canary("invalid"),
    repoPassword: canary("repo-password"),
  };

  beforeAll(async () => {
    const kubeconfig = inject("kubeconfig");
    git = await createGitFixture();
    privateGit = await createGitFixture({ auth: { username: "deploy", password: canaries.repoPassword! } });
    web = await startWebServer({ kubeconfig, env: { LOCKSTEP_SECRET_KEY: randomBytes(32).toString("base64") } });
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    kube = KubeObjectClient.forConfig(kc);
  });

  afterAll(async () => {
    await web?.stop();
    await git?.cleanup();
    await privateGit?.cleanup();
  });

  it("plants canaries, uses them, and finds none in any answer or log line", async () => {
    const id = randomBytes(3).toString("hex");
    const name = `secrets-${id}`;
    const namespace = `secrets-${id}`;
    const repo = await git.createRepo(`secrets-${id}.git`);
    await commitFiles(repo, { files: { "secret.yaml": SECRET({ stringData: canaries.stringData!, data: canaries.data! }), "configmap.yaml": CONFIGMAP }, message: "Plant" });
    const created = await api(web.url, "POST", "/api/apps", { name, repoUrl: git.server.repoUrl(`secrets-${id}.git`), targetRevision: "main", destNamespace: namespace, createNamespace: true });
    expect(created.status, created.text).toBe(201);
    const first = await api<OperationBody>(web.url, "POST", `/api/apps/${name}/sync?wait=true`, {});
    expect(first.body.phase, first.text).toBe("Succeeded");

    await kube.applyObject({ apiVersion: "v1", kind: "Secret", metadata: { name: "planted", namespace }, stringData: { password: canaries.live! } } as never, { fieldManager: "kubectl" });
    await commitFiles(repo, { files: { "secret.yaml": SECRET({ stringData: canaries.rotated!, data: canaries.data! }) }, message: "Rotate" });
    const drift = await api<{ syncStatus: string; resources: { subject: string; diff: string }[] }>(web.url, "GET", `/api/apps/${name}/diff?refresh=true`);
    expect(drift.body.syncStatus).toBe("OutOfSync");
    expect(drift.body.resources.find((r) => r.subject.startsWith("Secret/"))?.diff).toContain("++++++++");
    const second = await api<OperationBody>(web.url, "POST", `/api/apps/${name}/sync?wait=true`, {});
    expect(second.body.phase, second.text).toBe("Succeeded");

    const brokenRepo = await git.createRepo(`broken-${id}.git`);
    await commitFiles(brokenRepo, { files: { "secret.yaml": `apiVersion: v1\nkind: Secret\nmetadata:\n  name: broken\ndata:\n  token: "${canaries.invalid}!!"\n` }, message: "Invalid base64" });
    const broken = `broken-${id}`;
    expect((await api(web.url, "POST", "/api/apps", { name: broken, repoUrl: git.server.repoUrl(`broken-${id}.git`), targetRevision: "main", destNamespace: namespace })).status).toBe(201);
    const failed = await api<OperationBody>(web.url, "POST", `/api/apps/${broken}/sync?wait=true`, {});
    expect(failed.body.phase).not.toBe("Succeeded");

    const credential = await api<{ id: string }>(web.url, "POST", "/api/repositories", { urlPrefix: privateGit.server.repoUrl(`private-${id}.git`), username: "deploy", password: canaries.repoPassword });
    expect(credential.status, credential.text).toBe(201);
    const privateRepo = await privateGit.createRepo(`private-${id}.git`);
    await commitFiles(privateRepo, { files: { "configmap.yaml": CONFIGMAP.replace("plain", "private") }, message: "Private" });
    const privateApp = `private-${id}`;
    expect((await api(web.url, "POST", "/api/apps", { name: privateApp, repoUrl: privateGit.server.repoUrl(`private-${id}.git`), targetRevision: "main", destNamespace: namespace })).status).toBe(201);
    const privateSync = await api<OperationBody>(web.url, "POST", `/api/apps/${privateApp}/sync?wait=true`, {});
    expect(privateSync.body.phase, privateSync.text).toBe("Succeeded");

    const issued = await api<{ value: string }>(web.url, "POST", "/api/tokens", { name: "canary", role: "viewer" });
    expect(issued.status).toBe(201);
    canaries.apiToken = issued.body.value;
    canaries.adminPassword = web.adminPassword;
    expect((await api(web.url, "GET", "/api/auth/me", undefined, { token: issued.body.value })).status).toBe(200);

    const operationId = second.body.id;
    const responses: { where: string; text: string }[] = [];
    for (const pattern of await apiGetRoutes()) {
      for (const [appName, opId] of [
        [name, operationId],
        [broken, failed.body.id],
        [privateApp, privateSync.body.id],
      ]) {
        const urlPath = pattern
          .replace("[name]", appName!)
          .replace("[id]", pattern.startsWith("/api/repositories") ? credential.body.id : opId!)
          .replace(/\[(\w+)\]/g, "admin");
        const query = pattern.endsWith("/history/compare") ? `?from=${first.body.id}&to=${operationId}` : pattern.endsWith("/diff") ? "?refresh=true" : "";
        const response = await fetch(`${web.url}${urlPath}${query}`, { headers: { authorization: `Bearer ${web.adminToken}` } });
        responses.push({ where: urlPath, text: await readSome(response, 1500) });
      }
    }
    for (const page of [`/apps/${name}`, `/apps/${name}?tab=diff`, `/apps/${name}?tab=history`, `/apps/${broken}`, "/repositories", "/audit", "/settings/tokens", "/drift"]) {
      const response = await fetch(`${web.url}${page}`, { headers: { authorization: `Bearer ${web.adminToken}` } });
      responses.push({ where: page, text: await response.text() });
    }
    responses.push({ where: "audit CSV", text: (await api(web.url, "GET", "/api/audit?format=csv&limit=10000")).text });
    responses.push({ where: "server log", text: web.logs() });

    expect(responses.length).toBeGreaterThan(20);
    const comparison = responses.find((r) => r.where === `/api/apps/${name}/history/compare`);
    expect(comparison?.text, "the history comparison of the rotated Secret shows masks").toContain("++++++++");
    expect(forms(issued.body.value).some((form) => issued.text.includes(form)), "the search finds a value where it is meant to be").toBe(true);
    const leaks: string[] = [];
    for (const [label, value] of Object.entries(canaries)) {
      for (const form of forms(value)) {
        for (const { where, text } of responses) if (text.includes(form)) leaks.push(`${label} in ${where}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
