/**
 * The install's rights are enough to run Lockstep: the production server runs out of cluster
 * with the environment the install's Deployment sets and the token of the install's
 * ServiceAccount (created by the test, as the kubelet would mount it), and lists, compares and
 * syncs an app in a namespace where `lockstep-write` is bound — and only there.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeConfig } from "@kubernetes/client-node";
import { KubeObjectClient } from "@/lib/kube/object-client";
import type { KubeObject } from "@/lib/types";
import { loadTestKubeConfig } from "../helpers/cluster";
import { commitFiles, createGitFixture, type GitFixture } from "../helpers/git";
import { buildInstallCopy, deploymentEnvironment, INSTALL_BASE, kubeConfigWithToken, onlyOf, serviceAccountToken, writeKubeconfig } from "../helpers/install";
import { api, type DiffBody, type OperationBody } from "../helpers/lockstep-api";
import { DEPLOYMENT } from "../helpers/manifests";
import { startWebServer, type WebServer } from "../helpers/web-server";

const RBAC_KINDS = new Set(["Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"]);

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  greeting: hello
`;

describe("Lockstep with the install's ServiceAccount and environment", () => {
  const id = randomBytes(3).toString("hex");
  const namespace = `lockstep-${id}`;
  const destination = `apps-${id}`;
  const unbound = `apps-${id}-unbound`;
  let admin: KubeConfig;
  let kube: KubeObjectClient;
  let git: GitFixture;
  let web: WebServer;
  let kubeconfigDir: string;
  let environment: Record<string, string>;
  const created: KubeObject[] = [];

  async function create(obj: KubeObject): Promise<void> {
    await kube.applyObject(obj);
    if (!obj.metadata.namespace) created.push(obj);
  }

  beforeAll(async () => {
    admin = loadTestKubeConfig();
    kube = KubeObjectClient.forConfig(admin);
    const objects = await buildInstallCopy(INSTALL_BASE, { namespace, nameSuffix: `-${id}` });
    for (const obj of objects.filter((o) => RBAC_KINDS.has(o.kind))) await create(obj);
    const account = onlyOf(objects, "ServiceAccount").metadata.name;
    const write = objects.find((obj) => obj.kind === "ClusterRole" && obj.metadata.name.startsWith("lockstep-write"))!;
    for (const name of [destination, unbound]) await create({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
    await create({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "lockstep-write", namespace: destination },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: write.metadata.name },
      subjects: [{ kind: "ServiceAccount", name: account, namespace }],
    });

    kubeconfigDir = await mkdtemp(path.join(os.tmpdir(), "lockstep-sa-"));
    const kubeconfig = await writeKubeconfig(kubeConfigWithToken(admin, await serviceAccountToken(admin, namespace, account)), kubeconfigDir);
    const inPod = deploymentEnvironment(onlyOf(objects, "Deployment"), {
      fields: { "metadata.name": `lockstep-${id}-0`, "metadata.namespace": namespace },
      secrets: { "lockstep-secret-key/key": randomBytes(32).toString("base64") },
    });
    // The data directory is the pod's emptyDir; the server gets a fresh temporary one instead.
    environment = Object.fromEntries(Object.entries(inPod).filter(([name]) => name !== "LOCKSTEP_DATA_DIR"));
    git = await createGitFixture();
    // KUBECONFIG too, so nothing falls back to the test run's admin kubeconfig.
    web = await startWebServer({ kubeconfig, env: { ...environment, KUBECONFIG: kubeconfig } });
  });

  afterAll(async () => {
    await web?.stop();
    await git?.cleanup();
    if (kubeconfigDir) await rm(kubeconfigDir, { recursive: true, force: true });
    for (const obj of created.reverse()) await kube.deleteObject(obj);
  });

  async function createApp(destNamespace: string): Promise<string> {
    const repoName = `install-${destNamespace}.git`;
    const repo = await git.createRepo(repoName);
    await commitFiles(repo, { files: { "deployment.yaml": DEPLOYMENT("web", "nginx:1.27"), "configmap.yaml": CONFIGMAP }, message: "Initial manifests" });
    const name = `app-${destNamespace}`;
    const answer = await api(web.url, "POST", "/api/apps", { name, repoUrl: git.server.repoUrl(repoName), targetRevision: "main", path: ".", destNamespace });
    expect(answer.status, answer.text).toBe(201);
    return name;
  }

  it("runs with the Deployment's environment and answers its probes", async () => {
    expect(Object.keys(environment)).toEqual(expect.arrayContaining(["LOCKSTEP_REPLICA_NAME", "LOCKSTEP_NAMESPACE", "LOCKSTEP_SECRET_KEY"]));
    expect(environment.DATABASE_URL).toBeUndefined();
    const health = await fetch(`${web.url}/api/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
  });

  it("lists, compares and syncs an app in a namespace where lockstep-write is bound", async () => {
    const name = await createApp(destination);
    const listed = await api<{ name: string }[] | { items: { name: string }[] }>(web.url, "GET", "/api/apps");
    expect(listed.status, listed.text).toBe(200);
    expect(listed.text).toContain(`"${name}"`);

    const before = await api<DiffBody>(web.url, "GET", `/api/apps/${name}/diff?refresh=true`);
    expect(before.status, before.text).toBe(200);
    expect(before.body.conditions, before.text).toEqual([]);
    expect(before.body.syncStatus).toBe("OutOfSync");
    expect(before.body.resources.map((r) => r.state).sort()).toEqual(["missing", "missing"]);
    expect(before.text).not.toContain("forbidden");

    const op = await api<OperationBody>(web.url, "POST", `/api/apps/${name}/sync?wait=true`, {});
    expect(op.status, op.text).toBe(200);
    expect(op.body.phase, op.text).toBe("Succeeded");
    const live = await kube.getObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: destination } });
    expect(live?.metadata.labels?.["lockstep.dev/app"]).toBe(name);
    const after = await api<DiffBody>(web.url, "GET", `/api/apps/${name}/diff?refresh=true`);
    expect(after.body.syncStatus, after.text).toBe("Synced");
  });

  it("is refused by the API server in a namespace where nothing is bound, and says so", async () => {
    const name = await createApp(unbound);
    const diff = await api<DiffBody>(web.url, "GET", `/api/apps/${name}/diff?refresh=true`);
    expect(diff.status, diff.text).toBe(200);
    expect(diff.body.syncStatus).toBe("OutOfSync");
    expect(diff.text).toContain("forbidden");
    const op = await api<OperationBody>(web.url, "POST", `/api/apps/${name}/sync?wait=true`, {});
    expect(op.body.phase, op.text).not.toBe("Succeeded");
    expect(await kube.getObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: unbound } })).toBeUndefined();
  });
});
