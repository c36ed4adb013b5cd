import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { KubeConfig } from "@kubernetes/client-node";
import { KubeObjectClient } from "@/lib/kube/object-client";
import { createTokenApi } from "../helpers/auth";
import { commitFiles, createGitFixture, type GitFixture } from "../helpers/git";
import { DEPLOYMENT } from "../helpers/manifests";
import { api, type OperationBody } from "../helpers/lockstep-api";
import { startWebServer, type WebServer } from "../helpers/web-server";

const CONFIGMAP = (name: string, namespace?: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ""}data:
  greeting: hello
`;

interface AppBody {
  status: { syncStatus: string; conditions: { type: string; message: string }[] };
}

interface ResourceRow {
  subject: string;
  refusal?: { rule: string; message: string };
  diff: string;
  live?: unknown;
}

/**
 * Teams share one Lockstep: each app lives in a project, and what Git asks for is refused —
 * with nothing written to the cluster — when the project does not permit it or another app owns it.
 */
describe("projects as a tenancy boundary, on the real cluster", () => {
  let web: WebServer;
  let git: GitFixture;
  let kube: KubeObjectClient;
  const namespaces: string[] = [];

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
    await Promise.all(namespaces.map((name) => kube?.deleteObject({ apiVersion: "v1", kind: "Namespace", metadata: { name } }).catch(() => undefined)));
  });

  /** A repository with the given files and an app on it; a fresh namespace unless one is given. */
  async function setUp(files: Record<string, string>, app: { project?: string; namespace?: string; automated?: boolean } = {}) {
    const id = randomBytes(3).toString("hex");
    const repoName = `tenancy-${id}.git`;
    const repo = await git.createRepo(repoName);
    await commitFiles(repo, { files, message: "Initial manifests" });
    const name = `tenant-${id}`;
    const namespace = app.namespace ?? `tenancy-${id}`;
    if (!app.namespace) namespaces.push(namespace);
    const created = await api(web.url, "POST", "/api/apps", {
      name,
      repoUrl: git.server.repoUrl(repoName),
      targetRevision: "main",
      path: ".",
      destNamespace: namespace,
      createNamespace: true,
      ...(app.project ? { project: app.project } : {}),
      ...(app.automated ? { automated: true } : {}),
    });
    expect(created.status, created.text).toBe(201);
    return { name, namespace, repo };
  }

  async function createProject(spec: Record<string, unknown>): Promise<string> {
    const name = `team-${randomBytes(3).toString("hex")}`;
    const created = await api(web.url, "POST", "/api/projects", { name, ...spec });
    expect(created.status, created.text).toBe(201);
    return name;
  }

  const sync = (name: string, body: Record<string, unknown> = {}, token?: string) =>
    api<OperationBody>(web.url, "POST", `/api/apps/${name}/sync?wait=true`, body, token ? { token } : {});

  it("refuses a ClusterRoleBinding that makes every service account cluster-admin, and writes nothing", async () => {
    const bindingName = `everyone-admin-${randomBytes(3).toString("hex")}`;
    const { name, namespace } = await setUp({
      "binding.yaml": `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ${bindingName}
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects:
  - { kind: Group, name: "system:serviceaccounts", apiGroup: rbac.authorization.k8s.io }
`,
      "configmap.yaml": CONFIGMAP("innocent"),
      "kustomization.yaml": "resources: [binding.yaml, configmap.yaml]\n",
    });
    const done = await sync(name);
    expect(done.status, done.text).toBe(200);
    expect(done.body.phase).toBe("Failed");
    expect(done.body.results).toEqual([
      { subject: `ClusterRoleBinding.rbac.authorization.k8s.io/${bindingName}`, group: "rbac.authorization.k8s.io", kind: "ClusterRoleBinding", namespace: "", name: bindingName, action: "refused", message: "ClusterRoleBinding is not permitted in project default." },
    ]);
    expect(await kube.getObject({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", metadata: { name: bindingName } })).toBeUndefined();
    expect(await kube.getObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "innocent", namespace } })).toBeUndefined();
  });

  it("refuses an object in kube-system, and writes nothing there", async () => {
    const cmName = `planted-${randomBytes(3).toString("hex")}`;
    const { name } = await setUp({ "planted.yaml": CONFIGMAP(cmName, "kube-system") });
    const done = await sync(name);
    expect(done.body.phase).toBe("Failed");
    expect(done.body.results[0]).toMatchObject({ action: "refused", message: expect.stringContaining("Namespace kube-system is not a destination of project default") });
    expect(await kube.getObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: cmName, namespace: "kube-system" } })).toBeUndefined();
  });

  it("never answers the live body of a kube-system object an app declares, whatever its project allows", async () => {
    const files = { "auth.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extension-apiserver-authentication\n  namespace: kube-system\ndata: {}\n" };
    const everywhere = await createProject({ sourceRepos: ["*"], destinations: [{ cluster: "*", namespace: "*" }] });
    for (const project of [undefined, everywhere]) {
      const { name } = await setUp(files, { project });
      const diff = await api<{ resources: ResourceRow[] }>(web.url, "GET", `/api/apps/${name}/diff?refresh=true`);
      expect(diff.status, diff.text).toBe(200);
      expect(diff.text).not.toContain("BEGIN CERTIFICATE");
      expect(diff.text).not.toContain("client-ca-file");
      expect(diff.body.resources[0]?.refusal?.message).toMatch(project ? /exists and is not managed by Lockstep/ : /is not a destination of project default/);
      const tree = await api(web.url, "GET", `/api/apps/${name}/tree`);
      expect(tree.text).not.toContain("BEGIN CERTIFICATE");
    }
  });

  it("refuses to take over another app's Deployment, and warns on both apps", async () => {
    const owner = await setUp({ "deployment.yaml": DEPLOYMENT("web", "registry.example.com/web:1.0") });
    expect((await sync(owner.name)).body.phase).toBe("Succeeded");
    const intruder = await setUp({ "deployment.yaml": DEPLOYMENT("web", "registry.example.com/evil:6.6.6") }, { namespace: owner.namespace });
    const done = await sync(intruder.name);
    expect(done.body.phase).toBe("Failed");
    expect(done.body.results[0]).toMatchObject({ action: "refused", message: `Deployment.apps/${owner.namespace}/web exists and is owned by app ${owner.name}; Lockstep will not take it over.` });
    const live = await kube.getObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: owner.namespace } });
    expect((live?.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]?.image).toBe("registry.example.com/web:1.0");
    const warnings = async (name: string) =>
      (await api<AppBody>(web.url, "GET", `/api/apps/${name}`)).body.status.conditions.filter((c) => c.type === "SharedResourceWarning").map((c) => c.message);
    await expect.poll(() => warnings(intruder.name), { timeout: 15_000 }).toEqual([`Deployment.apps/${owner.namespace}/web is also declared by app ${owner.name}; only the app that owns it may change it.`]);
    await expect.poll(() => warnings(owner.name), { timeout: 15_000 }).toEqual([`Deployment.apps/${owner.namespace}/web is also declared by app ${intruder.name}; only the app that owns it may change it.`]);
  });

  it("holds automated and manual syncs in a closed sync window, and lets an admin sync anyway, recorded in the audit log", async () => {
    const project = await createProject({ sourceRepos: ["*"], appNamespace: true, syncWindows: [{ kind: "deny", schedule: "* * * * *", duration: "1h" }] });
    const { name, namespace } = await setUp({ "configmap.yaml": CONFIGMAP("held") }, { project, automated: true });
    await api(web.url, "POST", `/api/apps/${name}/refresh`);
    const history = await api<OperationBody[]>(web.url, "GET", `/api/apps/${name}/history`);
    expect(history.body).toEqual([]);
    expect(await kube.getObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "held", namespace } })).toBeUndefined();

    const deployer = await createTokenApi(web.url, { token: web.adminToken as string }, { name: `deployer-${randomBytes(3).toString("hex")}`, role: "deployer" });
    const refused = await sync(name, {}, deployer);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain("An admin may sync anyway.");
    const notAdmin = await sync(name, { syncAnyway: true }, deployer);
    expect(notAdmin.status).toBe(403);
    expect(notAdmin.text).toContain("Only an admin may sync anyway.");

    const forced = await sync(name, { syncAnyway: true });
    expect(forced.status, forced.text).toBe(200);
    expect(forced.body.phase).toBe("Succeeded");
    expect(await kube.getObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "held", namespace } })).toBeDefined();
    await expect
      .poll(async () => (await api<{ entries: { action: string; detail?: string; actor: string }[] }>(web.url, "GET", `/api/audit?app=${name}&action=app.sync`)).body.entries.find((e) => e.detail?.startsWith("Sync window overridden")))
      .toMatchObject({ actor: "token:test-admin", detail: expect.stringMatching(/^Sync window overridden by token:test-admin: /) });
  });
});
