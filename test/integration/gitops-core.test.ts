import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { KubeConfig } from "@kubernetes/client-node";
import { KubeObjectClient } from "@/lib/kube/object-client";
import { createAppOnRepo } from "../helpers/app-fixture";
import { commitFiles, createGitFixture, type GitFixture } from "../helpers/git";
import { DEPLOYMENT } from "../helpers/manifests";
import { api, type DiffBody, type OperationBody } from "../helpers/lockstep-api";
import { startWebServer, type WebServer } from "../helpers/web-server";

const SERVICE = (name: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector: { app: ${name} }
  ports:
    - port: 80
`;

const CONFIGMAP = (name: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  greeting: hello
`;

const KUSTOMIZATION = (tag: string, extra = "") => `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - deployment.yaml
  - service.yaml
${extra}images:
  - name: guestbook
    newName: registry.example.com/demo/guestbook
    newTag: "${tag}"
`;

describe("the GitOps core, from Git to the cluster", () => {
  let web: WebServer;
  let git: GitFixture;
  let kube: KubeObjectClient;

  beforeAll(async () => {
    const kubeconfig = inject("kubeconfig");
    git = await createGitFixture();
    web = await startWebServer({ kubeconfig });
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    kube = KubeObjectClient.forConfig(kc);
  });

  afterAll(async () => {
    await web?.stop();
    await git?.cleanup();
  });

  /** A repository with the given files and an app on it, in a fresh namespace. */
  const setUp = (files: Record<string, string>, app: { path?: string; prune?: boolean } = {}) => createAppOnRepo(web, git, files, { path: app.path ?? ".", prune: app.prune ?? false });

  const diffOf = async (name: string) => (await api<DiffBody>(web.url, "GET", `/api/apps/${name}/diff?refresh=true`)).body;
  const sync = async (name: string, body: Record<string, unknown> = {}) => api<OperationBody>(web.url, "POST", `/api/apps/${name}/sync?wait=true`, body);

  it("shows a new app OutOfSync with every resource missing, and Synced after a sync", async () => {
    const { name, namespace } = await setUp({ "deployment.yaml": DEPLOYMENT("web", "nginx:1.27"), "service.yaml": SERVICE("web") });
    const before = await diffOf(name);
    expect(before.syncStatus).toBe("OutOfSync");
    expect(before.resources.map((r) => r.state).sort()).toEqual(["missing", "missing"]);

    const op = await sync(name);
    expect(op.status, op.text).toBe(200);
    expect(op.body.phase).toBe("Succeeded");
    expect(op.body.results.map((r) => r.action).sort()).toEqual(["created", "created"]);

    const after = await diffOf(name);
    expect(after.syncStatus).toBe("Synced");
    const live = await kube.getObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace } });
    expect(live?.metadata.labels?.["lockstep.dev/app"]).toBe(name);
  });

  it("stays Synced across refreshes for a Deployment written without defaulted fields", async () => {
    const { name } = await setUp({ "deployment.yaml": DEPLOYMENT("minimal", "nginx:1.27") });
    expect((await sync(name)).body.phase).toBe("Succeeded");
    for (let i = 0; i < 3; i++) {
      const diff = await diffOf(name);
      expect(diff.syncStatus, JSON.stringify(diff.resources.map((r) => r.changedPaths))).toBe("Synced");
    }
  });

  it("turns OutOfSync with the image field in the diff when a commit bumps the tag, and runs the new image after a sync", async () => {
    const { name, namespace, repo } = await setUp({
      "kustomization.yaml": KUSTOMIZATION("1.0.0"),
      "deployment.yaml": DEPLOYMENT("guestbook", "guestbook"),
      "service.yaml": SERVICE("guestbook"),
    });
    expect((await sync(name)).body.phase).toBe("Succeeded");
    expect((await diffOf(name)).syncStatus).toBe("Synced");

    await commitFiles(repo, { files: { "kustomization.yaml": KUSTOMIZATION("1.1.0") }, message: "Release guestbook 1.1.0" });
    const drift = await diffOf(name);
    expect(drift.syncStatus).toBe("OutOfSync");
    const deployment = drift.resources.find((r) => r.subject.startsWith("Deployment.apps/"));
    expect(deployment?.changedPaths.join(" ")).toContain("image");
    expect(deployment?.diff).toContain("registry.example.com/demo/guestbook:1.1.0");

    expect((await sync(name)).body.phase).toBe("Succeeded");
    const live = await kube.getObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "guestbook", namespace } });
    const containers = (live?.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers;
    expect(containers[0]?.image).toBe("registry.example.com/demo/guestbook:1.1.0");
    const app = await api<{ status: { revisionSubject: string } }>(web.url, "GET", `/api/apps/${name}`);
    expect(app.body.status.revisionSubject).toBe("Release guestbook 1.1.0");
  });

  it("renders Kustomize namePrefix and images: into the synced objects", async () => {
    const { name, namespace } = await setUp({
      "kustomization.yaml": KUSTOMIZATION("2.0.0", "namePrefix: staging-\n"),
      "deployment.yaml": DEPLOYMENT("guestbook", "guestbook"),
      "service.yaml": SERVICE("guestbook"),
    });
    const diff = await diffOf(name);
    expect(diff.resources.map((r) => r.subject).sort()).toEqual([`Deployment.apps/${namespace}/staging-guestbook`, `Service/${namespace}/staging-guestbook`]);
    expect((await sync(name)).body.phase).toBe("Succeeded");
    const live = await kube.getObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "staging-guestbook", namespace } });
    expect(JSON.stringify(live?.spec)).toContain("registry.example.com/demo/guestbook:2.0.0");
  });

  it("gives broken YAML a ComparisonError with the parser's message while a second app keeps working", async () => {
    const broken = await setUp({ "deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: [unclosed\n" });
    const healthy = await setUp({ "configmap.yaml": CONFIGMAP("settings") });
    const diff = await diffOf(broken.name);
    expect(diff.syncStatus).toBe("Unknown");
    expect(diff.conditions[0]?.type).toBe("ComparisonError");
    expect(diff.conditions[0]?.message).toContain("deployment.yaml");
    expect(diff.conditions[0]?.message).toMatch(/line \d+|flow sequence|Unexpected|Missing/i);
    expect((await sync(healthy.name)).body.phase).toBe("Succeeded");
    expect((await diffOf(healthy.name)).syncStatus).toBe("Synced");
    const page = await fetch(`${web.url}/apps/${broken.name}`, { headers: { authorization: `Bearer ${web.adminToken}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("ComparisonError");
  });

  it("lists an object removed from Git as prunable, keeps it without prune and deletes it with prune", async () => {
    const { name, namespace, repo } = await setUp({ "configmap.yaml": CONFIGMAP("keep"), "extra.yaml": CONFIGMAP("extra") });
    expect((await sync(name)).body.phase).toBe("Succeeded");
    await commitFiles(repo, { files: { "extra.yaml": null }, message: "Remove extra" });

    const diff = await diffOf(name);
    const extra = diff.resources.find((r) => r.subject === `ConfigMap/${namespace}/extra`);
    expect(extra?.state).toBe("prunable");

    const withoutPrune = await sync(name, { prune: false });
    expect(withoutPrune.body.results.find((r) => r.subject === `ConfigMap/${namespace}/extra`)?.action).toBe("skipped");
    expect(await kube.getObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "extra", namespace } })).toBeDefined();

    const withPrune = await sync(name, { prune: true });
    expect(withPrune.body.results.find((r) => r.subject === `ConfigMap/${namespace}/extra`)?.action).toBe("pruned");
    expect(await kube.getObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "extra", namespace } })).toBeUndefined();
    expect((await diffOf(name)).syncStatus).toBe("Synced");
  });

  it("answers one of two concurrent sync requests and refuses the other with 409", async () => {
    const many = Array.from({ length: 200 }, (_, i) => CONFIGMAP(`busy-${i}`)).join("---\n");
    const { name } = await setUp({ "deployment.yaml": DEPLOYMENT("busy", "nginx:1.27"), "service.yaml": SERVICE("busy"), "configmap.yaml": CONFIGMAP("busy"), "many.yaml": many });
    const [a, b] = await Promise.all([sync(name), sync(name)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const refused = a.status === 409 ? a : b;
    expect((refused.body as unknown as { error: string }).error).toMatch(/already in progress/);
    const history = await api<OperationBody[]>(web.url, "GET", `/api/apps/${name}/history`);
    expect(history.body.map((op) => op.phase)).toEqual(["Succeeded"]);
  });

  it("never shows a Secret's value in the diff, the API responses or the server log", async () => {
    const planted = `s3cr3t-${randomBytes(6).toString("hex")}`;
    const encoded = Buffer.from(planted).toString("base64");
    const secret = (value: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\ntype: Opaque\nstringData:\n  password: ${value}\n`;
    const { name, repo } = await setUp({ "secret.yaml": secret(planted) });
    const responses: string[] = [];
    const record = async (method: string, path: string, body?: unknown) => {
      const result = await api(web.url, method, path, body);
      responses.push(result.text);
      return result;
    };
    await record("GET", `/api/apps/${name}/diff?refresh=true`);
    await record("POST", `/api/apps/${name}/sync?wait=true`, {});
    await commitFiles(repo, { files: { "secret.yaml": secret(`${planted}-rotated`) }, message: "Rotate" });
    const drift = await record("GET", `/api/apps/${name}/diff?refresh=true`);
    expect((drift.body as unknown as DiffBody).syncStatus).toBe("OutOfSync");
    await record("GET", `/api/apps/${name}`);
    await record("GET", `/api/apps/${name}/history`);
    await record("POST", `/api/apps/${name}/sync?wait=true`, {});
    const signedIn = { headers: { authorization: `Bearer ${web.adminToken}` } };
    responses.push(await (await fetch(`${web.url}/apps/${name}?tab=diff`, signedIn)).text());
    responses.push(await (await fetch(`${web.url}/apps/${name}?tab=resources`, signedIn)).text());
    for (const text of [...responses, web.logs()]) {
      expect(text).not.toContain(planted);
      expect(text).not.toContain(encoded);
    }
  });
});
