import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { KubeObjectClient } from "@/lib/kube/object-client";
import { locateBinaries } from "@/tools/localcluster";
import { openEventStream, type StreamEvent } from "../helpers/event-stream";
import { commitFiles, createGitFixture, type GitFixture } from "../helpers/git";
import { api } from "../helpers/lockstep-api";
import { startWebServer, type WebServer } from "../helpers/web-server";

const run = promisify(execFile);

function deployment(name: string, options: { image?: string; replicas?: number; extraSpec?: string; podSpec?: string } = {}): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${options.replicas ?? 1}
${options.extraSpec ?? ""}  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
${options.podSpec ?? ""}      containers:
        - name: web
          image: ${options.image ?? "nginx:1.27"}
`;
}

const SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: creds
stringData:
  password: live-tree-s3cret-value
`;

interface AppBody {
  automated: boolean;
  status: { syncStatus: string; healthStatus: string; revision: string | null };
}

interface OperationRow {
  kind: string;
  phase: string;
  initiator: string;
  revision: string | null;
}

interface TreeNodeBody {
  id: string;
  kind: string;
  name: string;
  sync?: string;
  health: { status: string };
  children: TreeNodeBody[];
}

interface LiveDiffResource {
  subject: string;
  status: string;
  changedPaths: string[];
  changes?: { path: string; manager?: string; subresource?: string }[];
  driftSince?: string;
}

describe("live status: health, drift, self-heal and automated sync on the real cluster", () => {
  let web: WebServer;
  let git: GitFixture;
  let kube: KubeObjectClient;
  let kubectl: string;
  let kubeconfig: string;

  beforeAll(async () => {
    kubeconfig = inject("kubeconfig");
    git = await createGitFixture();
    web = await startWebServer({ kubeconfig });
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    kube = KubeObjectClient.forConfig(kc);
    const bins = await locateBinaries();
    if (!bins) throw new Error("The cluster binaries are not built; run npm run cluster:up first.");
    kubectl = bins.kubectl;
  });

  afterAll(async () => {
    await web?.stop();
    await git?.cleanup();
  });

  async function setUp(files: Record<string, string>, policy: { automated?: boolean; selfHeal?: boolean; prune?: boolean } = {}) {
    const id = randomBytes(3).toString("hex");
    const repoName = `live-${id}.git`;
    const repo = await git.createRepo(repoName);
    await commitFiles(repo, { files, message: "Initial manifests" });
    const name = `live-${id}`;
    const namespace = `live-${id}`;
    const created = await api(web.url, "POST", "/api/apps", {
      name,
      repoUrl: git.server.repoUrl(repoName),
      targetRevision: "main",
      destNamespace: namespace,
      createNamespace: true,
      ...policy,
    });
    expect(created.status, created.text).toBe(201);
    return { name, namespace, repo };
  }

  const appOf = async (name: string) => (await api<AppBody>(web.url, "GET", `/api/apps/${name}`)).body;
  const historyOf = async (name: string) => (await api<OperationRow[]>(web.url, "GET", `/api/apps/${name}/history`)).body;
  const sync = async (name: string) => {
    const op = await api<{ phase: string }>(web.url, "POST", `/api/apps/${name}/sync?wait=true`, {});
    expect(op.body.phase, op.text).toBe("Succeeded");
  };
  const kubectlRun = (...args: string[]) => run(kubectl, args, { env: { ...process.env, KUBECONFIG: kubeconfig } });
  const replicasOf = async (name: string, namespace: string) => {
    const live = await kube.getObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace } });
    return (live?.spec as { replicas?: number } | undefined)?.replicas;
  };
  const healthSeen = (events: StreamEvent[]) =>
    events.filter((e) => e.event === "change").map((e) => (e.data as { detail?: { healthStatus?: string } }).detail?.healthStatus).filter((h): h is string => h !== undefined);

  it("shows a synced Deployment Progressing, then Healthy once kwok makes its Pods Ready", async () => {
    // minReadySeconds keeps the rollout visibly in progress for a moment after kwok makes the Pods Ready.
    const { name } = await setUp({ "deployment.yaml": deployment("web", { replicas: 2, extraSpec: "  minReadySeconds: 3\n" }) });
    const stream = await openEventStream(`${web.url}/api/apps/${name}/events`, { token: web.adminToken });
    try {
      await sync(name);
      await expect.poll(async () => (await appOf(name)).status.healthStatus, { timeout: 30_000 }).toBe("Healthy");
      const seen = healthSeen(stream.events);
      expect(seen, JSON.stringify(seen)).toContain("Progressing");
      expect(seen.lastIndexOf("Healthy")).toBeGreaterThan(seen.indexOf("Progressing"));
    } finally {
      stream.close();
    }
  });

  it("turns a Deployment Degraded when its rollout exceeds its progress deadline", async () => {
    const { name } = await setUp({
      "deployment.yaml": deployment("stuck", {
        extraSpec: "  progressDeadlineSeconds: 2\n",
        podSpec: "      nodeSelector: { lockstep.dev/no-such-node: \"true\" }\n",
      }),
    });
    await sync(name);
    await expect.poll(async () => (await appOf(name)).status.healthStatus, { timeout: 60_000 }).toBe("Degraded");
    const tree = (await api<{ nodes: TreeNodeBody[] }>(web.url, "GET", `/api/apps/${name}/tree`)).body.nodes;
    const node = tree.find((n) => n.kind === "Deployment");
    expect(node?.health.status).toBe("Degraded");
  });

  it("detects a kubectl scale as drift within 2 s, naming kubectl as the writer and when the drift was first seen", async () => {
    const { name, namespace } = await setUp({ "deployment.yaml": deployment("scaled") });
    await sync(name);
    await expect.poll(async () => (await appOf(name)).status.syncStatus, { timeout: 10_000 }).toBe("Synced");

    await kubectlRun("-n", namespace, "scale", "deployment/scaled", "--replicas=3");
    await expect.poll(async () => (await appOf(name)).status.syncStatus, { timeout: 2_000, interval: 50 }).toBe("OutOfSync");

    const diff = (await api<{ resources: LiveDiffResource[] }>(web.url, "GET", `/api/apps/${name}/diff`)).body;
    const drifted = diff.resources.find((r) => r.subject.startsWith("Deployment.apps/"));
    expect(drifted?.changedPaths).toEqual(["spec.replicas"]);
    expect(drifted?.changes).toEqual([expect.objectContaining({ path: "spec.replicas", manager: "kubectl", subresource: "scale" })]);
    const firstSeen = drifted?.driftSince;
    expect(firstSeen).toBeDefined();

    await kubectlRun("-n", namespace, "set", "image", "deployment/scaled", "web=nginx:1.28");
    await expect
      .poll(async () => {
        const again = (await api<{ resources: LiveDiffResource[] }>(web.url, "GET", `/api/apps/${name}/diff`)).body.resources.find((r) => r.subject.startsWith("Deployment.apps/"));
        return again?.changes?.map((c) => `${c.path}=${c.manager}`);
      }, { timeout: 5_000 })
      .toEqual(["spec.replicas=kubectl", "spec.template.spec.containers[name=web].image=kubectl-set"]);
    const later = (await api<{ resources: LiveDiffResource[] }>(web.url, "GET", `/api/apps/${name}/diff`)).body.resources.find((r) => r.subject.startsWith("Deployment.apps/"));
    expect(later?.driftSince, "first seen must not move while the drift lasts").toBe(firstSeen);

    const report = (await api<{ entries: { app: string; name: string; changes: { manager?: string }[] }[] }>(web.url, "GET", `/api/drift?app=${name}`)).body;
    expect(report.entries.map((e) => e.name)).toEqual(["scaled"]);
    expect(report.entries[0]?.changes.map((c) => c.manager)).toEqual(["kubectl", "kubectl-set"]);
    const csv = await fetch(`${web.url}/api/drift?app=${name}&format=csv`, { headers: { authorization: `Bearer ${web.adminToken}` } });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(await csv.text()).toContain(`${name},Deployment,${namespace},scaled,modified,${firstSeen},spec.replicas,kubectl,`);
  });

  it("self-heals drift back to Git's value and records it as a self-heal by automated", async () => {
    const { name, namespace } = await setUp({ "deployment.yaml": deployment("healed") }, { automated: true, selfHeal: true });
    await expect.poll(async () => (await historyOf(name)).map((op) => `${op.kind}:${op.phase}`), { timeout: 20_000 }).toContain("auto-sync:Succeeded");
    await expect.poll(() => replicasOf("healed", namespace), { timeout: 10_000 }).toBe(1);

    await kubectlRun("-n", namespace, "scale", "deployment/healed", "--replicas=4");
    await expect.poll(() => replicasOf("healed", namespace), { timeout: 5_000, interval: 100 }).toBe(1);
    await expect
      .poll(async () => (await historyOf(name)).find((op) => op.kind === "self-heal" && op.phase !== "Running"), { timeout: 10_000 })
      .toMatchObject({ phase: "Succeeded", initiator: "automated" });
    await expect.poll(async () => (await appOf(name)).status.syncStatus, { timeout: 5_000 }).toBe("Synced");
  });

  it("backs self-heal off against a second writer, and the app page says so", async () => {
    const { name, namespace } = await setUp({ "deployment.yaml": deployment("fought") }, { automated: true, selfHeal: true });
    await expect.poll(async () => (await historyOf(name)).map((op) => op.kind), { timeout: 20_000 }).toContain("auto-sync");
    await expect.poll(() => replicasOf("fought", namespace), { timeout: 10_000 }).toBe(1);

    for (let round = 1; round <= 2; round++) {
      await kubectlRun("-n", namespace, "scale", "deployment/fought", "--replicas=5");
      await expect.poll(() => replicasOf("fought", namespace), { timeout: 15_000, interval: 100 }).toBe(1);
    }
    await kubectlRun("-n", namespace, "scale", "deployment/fought", "--replicas=5");
    const page = async () => (await fetch(`${web.url}/apps/${name}`, { headers: { authorization: `Bearer ${web.adminToken}` } })).text();
    await expect.poll(page, { timeout: 5_000 }).toContain("Self-heal is backing off");
    expect(await page()).toContain("kubectl");
    const heals = (await historyOf(name)).filter((op) => op.kind === "self-heal").length;
    expect(heals).toBe(2);
    expect(await replicasOf("fought", namespace), "the third heal waits for its backoff").toBe(5);
    await expect.poll(() => replicasOf("fought", namespace), { timeout: 20_000, interval: 200 }).toBe(1);
  });

  it("syncs a new commit automatically and records it as auto-sync", async () => {
    const { name, namespace, repo } = await setUp({ "deployment.yaml": deployment("auto", { image: "nginx:1.27" }) }, { automated: true });
    await expect.poll(async () => (await historyOf(name)).filter((op) => op.kind === "auto-sync" && op.phase === "Succeeded").length, { timeout: 20_000 }).toBe(1);

    const sha = await commitFiles(repo, { files: { "deployment.yaml": deployment("auto", { image: "nginx:1.28" }) }, message: "Bump nginx" });
    expect((await api(web.url, "POST", `/api/apps/${name}/refresh`)).status).toBe(200);
    await expect.poll(async () => (await historyOf(name)).filter((op) => op.kind === "auto-sync" && op.phase === "Succeeded").length, { timeout: 20_000 }).toBe(2);
    const latest = (await historyOf(name))[0];
    expect(latest).toMatchObject({ kind: "auto-sync", initiator: "automated" });
    expect(latest?.revision).toBe(sha);
    const live = await kube.getObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "auto", namespace } });
    expect(JSON.stringify(live?.spec)).toContain("nginx:1.28");
  });

  it("shows Deployment → ReplicaSet → Pods in the tree, and a node's live YAML with Secret values masked", async () => {
    const { name } = await setUp({ "deployment.yaml": deployment("tree", { replicas: 2 }), "secret.yaml": SECRET });
    await sync(name);
    const treeOf = async () => (await api<{ nodes: TreeNodeBody[] }>(web.url, "GET", `/api/apps/${name}/tree`)).body.nodes;
    await expect
      .poll(async () => {
        const dep = (await treeOf()).find((n) => n.kind === "Deployment");
        return dep?.children.map((rs) => `${rs.kind}:${rs.children.filter((p) => p.kind === "Pod").length}`);
      }, { timeout: 20_000 })
      .toEqual(["ReplicaSet:2"]);
    const secret = (await treeOf()).find((n) => n.kind === "Secret");
    expect(secret?.sync).toBe("Synced");
    const detail = await api<{ liveYaml: string; events: unknown[] }>(web.url, "GET", `/api/apps/${name}/tree?node=${encodeURIComponent(String(secret?.id))}`);
    expect(detail.status).toBe(200);
    expect(detail.text).toContain("password:");
    expect(detail.text).not.toContain("live-tree-s3cret-value");
    expect(detail.text).not.toContain(Buffer.from("live-tree-s3cret-value").toString("base64"));
    expect((await api(web.url, "GET", `/api/apps/${name}/tree?node=no-such-node`)).status).toBe(404);
  });

  it("streams the Kubernetes events about the app's objects as they happen, lists them on a node, and resumes after a reconnect", async () => {
    const { name, namespace } = await setUp({ "deployment.yaml": deployment("evented") });
    const stream = await openEventStream(`${web.url}/api/apps/${name}/events`, { token: web.adminToken });
    let lastId: string | undefined;
    try {
      await sync(name);
      await expect
        .poll(() => stream.events.filter((e) => e.event === "change" && (e.data as { type: string }).type === "k8s-event").map((e) => (e.data as { detail: { reason: string } }).detail.reason), { timeout: 15_000 })
        .toContain("ScalingReplicaSet");
      lastId = [...stream.events].reverse().find((e) => e.id)?.id;
      const tree = (await api<{ nodes: TreeNodeBody[] }>(web.url, "GET", `/api/apps/${name}/tree`)).body.nodes;
      const deploymentId = tree.find((n) => n.kind === "Deployment")?.id;
      const detail = await api<{ events: { reason: string }[] }>(web.url, "GET", `/api/apps/${name}/tree?node=${encodeURIComponent(String(deploymentId))}`);
      expect(detail.body.events.map((e) => e.reason), "a node's Events are read from the API server").toContain("ScalingReplicaSet");
    } finally {
      stream.close();
    }
    await kubectlRun("-n", namespace, "scale", "deployment/evented", "--replicas=2");
    await expect.poll(async () => (await appOf(name)).status.syncStatus, { timeout: 5_000 }).toBe("OutOfSync");
    const resumed = await openEventStream(`${web.url}/api/apps/${name}/events`, { token: web.adminToken, lastEventId: lastId });
    try {
      await expect.poll(() => resumed.events.some((e) => e.event === "change" && (e.data as { detail?: { syncStatus?: string } }).detail?.syncStatus === "OutOfSync"), { timeout: 5_000 }).toBe(true);
      expect(resumed.events.some((e) => e.event === "resync")).toBe(false);
    } finally {
      resumed.close();
    }
  });

  it("logs no failed live refresh, read-back or automation while doing all of the above", () => {
    expect(web.logs()).not.toMatch(/live refresh of .* failed|reading back .* failed|automation of .* failed|auto-sync of .* failed|self-heal of .* failed/);
  });
});
