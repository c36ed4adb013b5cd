import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { KubeConfig } from "@kubernetes/client-node";
import { KubeObjectClient } from "@/lib/kube/object-client";
import { commitFiles, createGitFixture, type GitFixture } from "../helpers/git";
import { openEventStream } from "../helpers/event-stream";
import { api, type OperationBody } from "../helpers/lockstep-api";
import { startWebServer, type WebServer } from "../helpers/web-server";

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: guestbook
spec:
  replicas: 1
  selector:
    matchLabels: { app: guestbook }
  template:
    metadata:
      labels: { app: guestbook }
    spec:
      containers:
        - name: web
          image: guestbook
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: guestbook
spec:
  selector: { app: guestbook }
  ports:
    - port: 80
`;

const KUSTOMIZATION = (tag: string, extra: string[] = []) => `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - deployment.yaml
  - service.yaml
${extra.map((file) => `  - ${file}\n`).join("")}images:
  - name: guestbook
    newName: registry.example.com/demo/guestbook
    newTag: "${tag}"
`;

const IMAGE = (tag: string) => `registry.example.com/demo/guestbook:${tag}`;

/** Many small ConfigMaps, so that a sync takes long enough to be caught in the middle. */
function manyConfigMaps(count: number): Record<string, string> {
  const docs = Array.from({ length: count }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${String(i).padStart(4, "0")}\ndata:\n  index: "${i}"\n`);
  return { "configmaps.yaml": docs.join("---\n") };
}

interface HistoryEntry extends OperationBody {
  kind: string;
  revision: string | null;
  rollbackOf: string | null;
  log: { at: string; message: string }[];
  finishedAt: string | null;
  resourceCount: number | null;
}

interface AppBody {
  automated: boolean;
  autoSyncPaused: boolean;
  rolledBackTo: string | null;
  status: { syncStatus: string; revision: string | null; reconciledAt: string | null; conditions: { type: string; message: string }[] };
}

interface RollbackPreviewBody {
  target: { id: string; revision: string };
  resources: { subject: string; action: string; changedPaths: string[]; diff: string }[];
}

/** A page of the dashboard as HTML, read with the server's admin token. */
async function pageHtml(web: WebServer, path: string): Promise<string> {
  const response = await fetch(`${web.url}${path}`, { headers: web.adminToken ? { authorization: `Bearer ${web.adminToken}` } : {} });
  expect(response.status, path).toBe(200);
  return response.text();
}

/** True when a unified diff adds a line containing `text`. */
function addsLine(diff: string | undefined, text: string): boolean {
  return (diff ?? "").split("\n").some((line) => line.startsWith("+") && !line.startsWith("+++") && line.includes(text));
}

/** True when a unified diff removes a line containing `text`. */
function removesLine(diff: string | undefined, text: string): boolean {
  return (diff ?? "").split("\n").some((line) => line.startsWith("-") && !line.startsWith("---") && line.includes(text));
}

function kubeClient(): KubeObjectClient {
  const kc = new KubeConfig();
  kc.loadFromFile(inject("kubeconfig"));
  return KubeObjectClient.forConfig(kc);
}

/** Test-side view of one Lockstep server: creating apps on Git fixtures and reading them back. */
function lockstep(webUrl: () => string, git: GitFixture, namespaces: string[]) {
  const kube = kubeClient();
  return {
    kube,
    async setUp(files: Record<string, string>, app: { automated?: boolean; prune?: boolean } = {}) {
      const id = randomBytes(3).toString("hex");
      const repoName = `rollback-${id}.git`;
      const repo = await git.createRepo(repoName);
      await commitFiles(repo, { files, message: "Release guestbook 1.0.0" });
      const name = `rb-${id}`;
      const namespace = `rb-${id}`;
      namespaces.push(namespace);
      const created = await api(webUrl(), "POST", "/api/apps", {
        name,
        repoUrl: git.server.repoUrl(repoName),
        targetRevision: "main",
        destNamespace: namespace,
        createNamespace: true,
        automated: app.automated ?? false,
        prune: app.prune ?? false,
      });
      expect(created.status, created.text).toBe(201);
      return { name, namespace, repo };
    },
    async sync(name: string, body: Record<string, unknown> = {}) {
      const result = await api<HistoryEntry>(webUrl(), "POST", `/api/apps/${name}/sync?wait=true`, body);
      expect(result.status, result.text).toBe(200);
      return result.body;
    },
    async history(name: string) {
      return (await api<HistoryEntry[]>(webUrl(), "GET", `/api/apps/${name}/history`)).body;
    },
    async app(name: string) {
      return (await api<AppBody>(webUrl(), "GET", `/api/apps/${name}`)).body;
    },
    async image(namespace: string) {
      const live = await kube.getObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "guestbook", namespace } });
      return (live?.spec as { template: { spec: { containers: { image: string }[] } } } | undefined)?.template.spec.containers[0]?.image;
    },
    async configMapCount(namespace: string) {
      return (await kube.listObjects("v1", "ConfigMap", { namespace, labelSelector: "lockstep.dev/app" })).length;
    },
    /** Syncs release 1.0.0, commits and syncs 1.1.0; returns both history entries. */
    async twoReleases(name: string, repo: string) {
      const first = await this.sync(name);
      expect(first.phase, first.message ?? "").toBe("Succeeded");
      await commitFiles(repo, { files: { "kustomization.yaml": KUSTOMIZATION("1.1.0") }, message: "Release guestbook 1.1.0" });
      const second = await this.sync(name);
      expect(second.phase, second.message ?? "").toBe("Succeeded");
      expect(second.revision).not.toBe(first.revision);
      return { first, second };
    },
  };
}

const GUESTBOOK = { "kustomization.yaml": KUSTOMIZATION("1.0.0"), "deployment.yaml": DEPLOYMENT, "service.yaml": SERVICE };

async function deleteNamespaces(kube: KubeObjectClient, namespaces: string[]): Promise<void> {
  await Promise.all(namespaces.map((name) => kube.deleteObject({ apiVersion: "v1", kind: "Namespace", metadata: { name } }).catch(() => undefined)));
}

describe("history and rollback", () => {
  let web: WebServer;
  let git: GitFixture;
  const namespaces: string[] = [];
  let ls: ReturnType<typeof lockstep>;

  beforeAll(async () => {
    git = await createGitFixture();
    web = await startWebServer({ kubeconfig: inject("kubeconfig"), env: { LOCKSTEP_REFRESH_SECONDS: "2" } });
    ls = lockstep(() => web.url, git, namespaces);
  });

  afterAll(async () => {
    await web?.stop();
    await git?.cleanup();
    if (ls) await deleteNamespaces(ls.kube, namespaces);
  });

  it("re-applies the old image from the stored manifests, turns automated sync off, and the reconciler leaves it there", async () => {
    const { name, namespace, repo } = await ls.setUp(GUESTBOOK);
    const { first, second } = await ls.twoReleases(name, repo);
    expect(await ls.image(namespace)).toBe(IMAGE("1.1.0"));
    expect((await api(web.url, "PATCH", `/api/apps/${name}`, { automated: true })).status).toBe(200);

    const preview = await api<RollbackPreviewBody>(web.url, "POST", `/api/apps/${name}/rollback?wait=true`, { operationId: first.id, dryRun: true });
    expect(preview.status, preview.text).toBe(200);
    const deployment = preview.body.resources.find((r) => r.subject.startsWith("Deployment.apps/"));
    expect(deployment?.action).toBe("update");
    expect(addsLine(deployment?.diff, IMAGE("1.0.0"))).toBe(true);
    expect(removesLine(deployment?.diff, IMAGE("1.1.0"))).toBe(true);
    expect(await ls.image(namespace)).toBe(IMAGE("1.1.0"));
    expect(await ls.history(name)).toHaveLength(2);

    const rollback = await api<HistoryEntry>(web.url, "POST", `/api/apps/${name}/rollback?wait=true`, { operationId: first.id });
    expect(rollback.status, rollback.text).toBe(200);
    expect(rollback.body).toMatchObject({ kind: "rollback", phase: "Succeeded", revision: first.revision, rollbackOf: first.id });
    expect(await ls.image(namespace)).toBe(IMAGE("1.0.0"));

    const app = await ls.app(name);
    expect(app).toMatchObject({ automated: false, autoSyncPaused: true, rolledBackTo: first.revision });
    expect(app.status.revision).toBe(second.revision);

    const rolledBackAt = new Date(rollback.body.finishedAt ?? 0).getTime();
    await expect
      .poll(async () => new Date((await ls.app(name)).status.reconciledAt ?? 0).getTime(), { timeout: 30_000, interval: 500 })
      .toBeGreaterThan(rolledBackAt + 2000);
    expect(await ls.image(namespace)).toBe(IMAGE("1.0.0"));
    expect((await ls.history(name)).map((op) => op.kind)).toEqual(["rollback", "sync", "sync"]);

    const page = await pageHtml(web, `/apps/${name}`);
    expect(page).toContain('data-testid="rollback-banner"');
    expect(page).toContain(first.revision?.slice(0, 7));
    expect(page).toContain(second.revision?.slice(0, 7));
    expect(page).toContain("Resume automated sync");
    const list = await pageHtml(web, `/?q=${name}`);
    expect(list).toContain('data-testid="rollback-badge"');
  });

  it("rolls back while the Git repository no longer exists", async () => {
    const { name, namespace, repo } = await ls.setUp(GUESTBOOK);
    const { first } = await ls.twoReleases(name, repo);
    await rm(repo, { recursive: true, force: true });
    const refreshed = await api<AppBody>(web.url, "POST", `/api/apps/${name}/refresh`);
    expect(refreshed.status, refreshed.text).toBe(200);
    expect(JSON.stringify(refreshed.body)).toMatch(/ComparisonError|RepoUnreachable/);

    const rollback = await api<HistoryEntry>(web.url, "POST", `/api/apps/${name}/rollback?wait=true`, { operationId: first.id });
    expect(rollback.status, rollback.text).toBe(200);
    expect(rollback.body.phase).toBe("Succeeded");
    expect(await ls.image(namespace)).toBe(IMAGE("1.0.0"));
    expect((await ls.app(name)).rolledBackTo).toBe(first.revision);
  });

  it("keeps RepoUnreachable while the repository is gone, even when a change in the cluster compares the app again", async () => {
    const { name, namespace, repo } = await ls.setUp(GUESTBOOK);
    await ls.twoReleases(name, repo);
    await rm(repo, { recursive: true, force: true });
    const refreshed = await api<AppBody>(web.url, "POST", `/api/apps/${name}/refresh`);
    expect(refreshed.status, refreshed.text).toBe(200);

    await ls.kube.applyObject(
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "guestbook", namespace }, spec: { replicas: 3 } },
      { fieldManager: "someone-else", force: true },
    );
    const seen: { syncStatus: string; conditions: string[] }[] = [];
    const deadline = Date.now() + 6000;
    while (Date.now() < deadline) {
      const { status } = await ls.app(name);
      seen.push({ syncStatus: status.syncStatus, conditions: status.conditions.map((c) => c.type) });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(seen.some((read) => read.syncStatus === "OutOfSync"), JSON.stringify(seen.at(-1))).toBe(true);
    expect(seen.filter((read) => !read.conditions.includes("RepoUnreachable"))).toEqual([]);
  });

  it("brings Git's version back and turns automated sync on again when automated sync is resumed", async () => {
    const { name, namespace, repo } = await ls.setUp(GUESTBOOK);
    const { first, second } = await ls.twoReleases(name, repo);
    expect((await api(web.url, "PATCH", `/api/apps/${name}`, { automated: true })).status).toBe(200);
    expect((await api(web.url, "POST", `/api/apps/${name}/rollback?wait=true`, { operationId: first.id })).status).toBe(200);
    expect(await ls.image(namespace)).toBe(IMAGE("1.0.0"));

    const resumed = await api<{ app: AppBody; operation: HistoryEntry }>(web.url, "POST", `/api/apps/${name}/resume-auto-sync`);
    expect(resumed.status, resumed.text).toBe(200);
    expect(resumed.body.operation).toMatchObject({ phase: "Queued", kind: "sync", initiator: "token:test-admin" });
    expect(resumed.body.app).toMatchObject({ automated: true, autoSyncPaused: false, rolledBackTo: null });
    await expect
      .poll(async () => (await ls.history(name)).find((op) => op.id === resumed.body.operation.id)?.phase, { timeout: 30_000, interval: 100 })
      .toBe("Succeeded");
    expect((await ls.history(name)).find((op) => op.id === resumed.body.operation.id)?.revision).toBe(second.revision);
    expect(await ls.image(namespace)).toBe(IMAGE("1.1.0"));

    const again = await api<{ error: string }>(web.url, "POST", `/api/apps/${name}/resume-auto-sync`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/not rolled back/);
  });

  it("prunes objects that are not in the rolled-back manifests when asked", async () => {
    const { name, namespace, repo } = await ls.setUp(GUESTBOOK);
    const first = await ls.sync(name);
    await commitFiles(repo, {
      files: { "kustomization.yaml": KUSTOMIZATION("1.1.0", ["extra.yaml"]), "extra.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  a: b\n" },
      message: "Add extra",
    });
    expect((await ls.sync(name)).phase).toBe("Succeeded");
    expect(await ls.kube.getObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "extra", namespace } })).toBeDefined();

    const preview = await api<RollbackPreviewBody>(web.url, "POST", `/api/apps/${name}/rollback?wait=true`, { operationId: first.id, dryRun: true, prune: true });
    expect(preview.body.resources.find((r) => r.subject === `ConfigMap/${namespace}/extra`)?.action).toBe("prune");
    const rollback = await api<HistoryEntry>(web.url, "POST", `/api/apps/${name}/rollback?wait=true`, { operationId: first.id, prune: true });
    expect(rollback.body.results.find((r) => r.subject === `ConfigMap/${namespace}/extra`)?.action).toBe("pruned");
    expect(await ls.kube.getObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "extra", namespace } })).toBeUndefined();
  });

  it("refuses to roll back to a dry run, and to an unknown entry, with one sentence each", async () => {
    const { name } = await ls.setUp(GUESTBOOK);
    const dry = await ls.sync(name, { dryRun: true });
    const refused = await api<{ error: string; fields: { field: string; message: string }[] }>(web.url, "POST", `/api/apps/${name}/rollback?wait=true`, { operationId: dry.id });
    expect(refused.status).toBe(422);
    expect(refused.body.fields[0]).toMatchObject({ field: "operationId" });
    expect(refused.body.fields[0]?.message).toMatch(/dry run/);
    const unknown = await api<{ error: string }>(web.url, "POST", `/api/apps/${name}/rollback?wait=true`, { operationId: "nope" });
    expect(unknown.status).toBe(404);
    const missing = await api<{ fields: { field: string }[] }>(web.url, "POST", `/api/apps/${name}/rollback?wait=true`, {});
    expect(missing.status).toBe(422);
    expect(missing.body.fields[0]?.field).toBe("operationId");
  });

  it("compares the manifests of two history entries per resource, with Secret values masked", async () => {
    const planted = `s3cr3t-${randomBytes(6).toString("hex")}`;
    const secret = (value: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\ntype: Opaque\nstringData:\n  password: ${value}\n`;
    const { name, repo } = await ls.setUp({ ...GUESTBOOK, "kustomization.yaml": KUSTOMIZATION("1.0.0", ["secret.yaml"]), "secret.yaml": secret(planted) });
    const first = await ls.sync(name);
    await commitFiles(repo, { files: { "kustomization.yaml": KUSTOMIZATION("1.1.0", ["secret.yaml"]), "secret.yaml": secret(`${planted}-rotated`) }, message: "Release 1.1.0 and rotate" });
    const second = await ls.sync(name);

    const compared = await api<{ resources: { subject: string; change: string; diff: string }[] }>(web.url, "GET", `/api/apps/${name}/history/compare?from=${first.id}&to=${second.id}`);
    expect(compared.status, compared.text).toBe(200);
    const changes = Object.fromEntries(compared.body.resources.map((r) => [r.subject.split("/")[0], r]));
    expect(changes["Deployment.apps"]?.change).toBe("changed");
    expect(addsLine(changes["Deployment.apps"]?.diff, IMAGE("1.1.0"))).toBe(true);
    expect(removesLine(changes["Deployment.apps"]?.diff, IMAGE("1.0.0"))).toBe(true);
    expect(changes["Secret"]?.change).toBe("changed");
    expect(changes["Service"]?.change).toBe("unchanged");
    const page = await pageHtml(web, `/apps/${name}/compare?from=${first.id}&to=${second.id}`);
    expect(page).toContain("Compare manifests");
    for (const text of [compared.text, page, web.logs()]) {
      expect(text).not.toContain(planted);
      expect(text).not.toContain(Buffer.from(planted).toString("base64"));
    }
    const incomplete = await api<{ fields: { field: string }[] }>(web.url, "GET", `/api/apps/${name}/history/compare?from=${first.id}`);
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.fields[0]?.field).toBe("to");
  });

  it("keeps only as many history entries as the app's limit", async () => {
    const { name } = await ls.setUp(GUESTBOOK);
    expect((await api(web.url, "PATCH", `/api/apps/${name}`, { historyLimit: 3 })).status).toBe(200);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await ls.sync(name, { dryRun: true })).id);
    expect((await ls.history(name)).map((op) => op.id)).toEqual(ids.slice(2).reverse());
  });

  it("retries an apply the API server answers with a 5xx, with backoff, and writes each retry to the operation's log", async () => {
    const id = randomBytes(3).toString("hex");
    const label = { "lockstep-test-retry": id };
    const webhook = {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingWebhookConfiguration",
      metadata: { name: `lockstep-test-retry-${id}` },
      webhooks: [
        {
          name: "refuse.retry.lockstep.dev",
          clientConfig: { url: "https://127.0.0.1:1/refuse" },
          rules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["configmaps"] }],
          objectSelector: { matchLabels: label },
          failurePolicy: "Fail",
          sideEffects: "None",
          admissionReviewVersions: ["v1"],
          timeoutSeconds: 1,
        },
      ],
    };
    await ls.kube.applyObject(webhook);
    try {
      const probe = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "probe", namespace: "default", labels: label } };
      await expect
        .poll(async () => ls.kube.applyObject(probe, { dryRun: true }).then(() => "admitted", (error: { code?: number }) => error.code), { timeout: 30_000, interval: 250 })
        .toBe(500);
      const { name, namespace } = await ls.setUp({
        "configmap.yaml": `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: guarded\n  labels:\n    lockstep-test-retry: "${id}"\ndata:\n  a: b\n`,
      });
      const op = await ls.sync(name);
      expect(op.phase).toBe("Failed");
      expect(op.results[0]).toMatchObject({ subject: `ConfigMap/${namespace}/guarded`, action: "failed" });
      const retries = op.log.map((entry) => entry.message).filter((message) => message.startsWith(`ConfigMap/${namespace}/guarded: 500`));
      expect(retries.map((message) => /retry (\d) of 4 in (\d+) ms/.exec(message)?.slice(1))).toEqual([
        ["1", "250"],
        ["2", "500"],
        ["3", "1000"],
        ["4", "2000"],
      ]);
    } finally {
      await ls.kube.deleteObject(webhook);
    }
  });

  it("streams progress as resources are applied, stops applying when the running operation is terminated, and says who terminated it", async () => {
    const count = 1000;
    const { name, namespace } = await ls.setUp(manyConfigMaps(count));
    const stream = await openEventStream(`${web.url}/api/apps/${name}/events`, { token: web.adminToken });
    const syncing = api<HistoryEntry>(web.url, "POST", `/api/apps/${name}/sync?wait=true`, {});
    let running: HistoryEntry | undefined;
    await expect
      .poll(
        async () => {
          running = (await ls.history(name)).find((op) => op.phase === "Running" && op.results.length > 0);
          return running !== undefined;
        },
        { timeout: 60_000, interval: 50 },
      )
      .toBe(true);
    expect(running?.resourceCount).toBe(count);
    const terminate = await api<HistoryEntry>(web.url, "POST", `/api/apps/${name}/operations/${running?.id}/terminate`);
    expect(terminate.status, terminate.text).toBe(200);
    expect(terminate.body.phase).toBe("Terminating");

    const finished = await syncing;
    expect(finished.status, finished.text).toBe(200);
    expect(finished.body).toMatchObject({ id: running?.id, phase: "Failed", message: "terminated by token:test-admin", initiator: "token:test-admin" });
    expect(finished.body.results.length).toBeLessThan(count);
    expect(finished.body.log.map((l) => l.message)).toContain("Termination requested by token:test-admin.");
    const created = finished.body.results.filter((r) => r.action === "created").length;
    const cutShort = finished.body.results.filter((r) => r.action === "failed");
    for (const result of cutShort) expect(result.message).toBe(`${result.subject}: terminated by token:test-admin before the API server answered.`);
    expect(created + cutShort.length).toBe(finished.body.results.length);
    const applied = await ls.configMapCount(namespace);
    expect(applied).toBeGreaterThanOrEqual(created);
    expect(applied).toBeLessThanOrEqual(finished.body.results.length);
    expect(applied).toBeLessThan(count);

    const again = await api(web.url, "POST", `/api/apps/${name}/operations/${running?.id}/terminate`);
    expect(again.status).toBe(409);

    stream.close();
    const progress = stream.events
      .map((e) => (e.data as { type?: string; detail?: { id?: string; done?: number; total?: number; subject?: string } }))
      .filter((d) => d.type === "operation" && d.detail?.id === running?.id && d.detail?.done !== undefined);
    const done = progress.map((d) => d.detail?.done ?? 0);
    expect(done.length).toBeGreaterThan(0);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(finished.body.results.length);
    for (const event of progress) expect(event.detail?.subject).toBe(finished.body.results[(event.detail?.done ?? 0) - 1]?.subject);
    expect(progress.every((d) => d.detail?.total === count)).toBe(true);
    await api(web.url, "DELETE", `/api/apps/${name}`);
  }, 180_000);
});

describe("a server killed during a sync", () => {
  let git: GitFixture;
  const servers: WebServer[] = [];
  const namespaces: string[] = [];

  beforeAll(async () => {
    git = await createGitFixture();
  });

  afterAll(async () => {
    for (const server of servers.reverse()) await server.stop();
    await git?.cleanup();
    await deleteNamespaces(kubeClient(), namespaces);
  });

  it("shows the interrupted operation as Failed: interrupted and releases its lock when started again", async () => {
    const kubeconfig = inject("kubeconfig");
    const first = await startWebServer({ kubeconfig });
    servers.push(first);
    let url = first.url;
    const ls = lockstep(() => url, git, namespaces);
    const count = 1000;
    const { name, namespace } = await ls.setUp(manyConfigMaps(count));

    const syncing = api(first.url, "POST", `/api/apps/${name}/sync?wait=true`, {}).catch((error: unknown) => error);
    let running: HistoryEntry | undefined;
    await expect
      .poll(
        async () => {
          running = (await ls.history(name)).find((op) => op.phase === "Running" && op.results.length > 0);
          return running !== undefined;
        },
        { timeout: 60_000, interval: 50 },
      )
      .toBe(true);
    await first.kill();
    await syncing;
    expect(await ls.configMapCount(namespace)).toBeLessThan(count);

    const second = await startWebServer({ kubeconfig, dataDir: first.dataDir });
    servers.push(second);
    url = second.url;
    await expect
      .poll(async () => (await ls.history(name)).find((op) => op.id === running?.id)?.phase, { timeout: 30_000, interval: 250 })
      .toBe("Failed");
    const interrupted = (await ls.history(name)).find((op) => op.id === running?.id);
    expect(interrupted?.message).toBe("interrupted");
    expect(interrupted?.finishedAt).not.toBeNull();
    expect(interrupted?.results.length).toBeGreaterThan(0);

    const retried = await ls.sync(name);
    expect(retried.phase, retried.message ?? "").toBe("Succeeded");
    expect(await ls.configMapCount(namespace)).toBe(count);
  }, 240_000);
});
