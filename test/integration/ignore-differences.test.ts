import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/types";
import { createAppOnRepo } from "../helpers/app-fixture";
import { api, type DiffBody, type OperationBody } from "../helpers/lockstep-api";
import { useServerSuite } from "../helpers/server-suite";
import { until } from "../helpers/until";

const DEPLOYMENT = (name: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

const HPA = (name: string) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${name} }
  minReplicas: 1
  maxReplicas: 10
  metrics:
    - type: Resource
      resource: { name: cpu, target: { type: Utilization, averageUtilization: 80 } }
`;

const CONFIGMAP = (name: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  greeting: hello
  stamp: from-git
`;

interface DriftBody {
  entries: { app: string; subject: string }[];
}

describe("ignoreDifferences, from the app spec to the cluster", () => {
  const suite = useServerSuite();

  /** A repository with the given files and a synced app on it, in a fresh namespace. */
  async function setUpSynced(files: Record<string, string>, spec: Record<string, unknown> = {}) {
    const { name, namespace } = await createAppOnRepo(suite.web, suite.git, files, spec);
    const op = await api<OperationBody>(suite.web.url, "POST", `/api/apps/${name}/sync?wait=true`, {});
    expect(op.body.phase, op.text).toBe("Succeeded");
    return { name, namespace };
  }

  const diffOf = async (name: string) => (await api<DiffBody>(suite.web.url, "GET", `/api/apps/${name}/diff?refresh=true`)).body;
  const driftOf = async (name: string) => (await api<DriftBody>(suite.web.url, "GET", `/api/drift?app=${name}`)).body.entries;
  const historyOf = async (name: string) => (await api<unknown[]>(suite.web.url, "GET", `/api/apps/${name}/history`)).body;
  const changedPaths = (diff: DiffBody) => diff.resources.flatMap((r) => r.changedPaths);

  /** Writes part of an object with server-side apply as another field manager, taking the fields over. */
  const applyAs = (fieldManager: string, obj: KubeObject) => suite.kube.applyObject(obj, { fieldManager, force: true });

  it("keeps an HPA-managed Deployment Synced while another manager changes its replicas, and self-heal leaves them", async () => {
    const { name, namespace } = await setUpSynced({ "deployment.yaml": DEPLOYMENT("web", 2), "hpa.yaml": HPA("web") });
    expect((await diffOf(name)).syncStatus).toBe("Synced");
    const patched = await api(suite.web.url, "PATCH", `/api/apps/${name}`, { automated: true, selfHeal: true });
    expect(patched.status, patched.text).toBe(200);
    const runs = (await historyOf(name)).length;

    await applyAs("kube-controller-manager", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace }, spec: { replicas: 5 } });

    const diff = await diffOf(name);
    expect(diff.syncStatus, JSON.stringify(changedPaths(diff))).toBe("Synced");
    expect(changedPaths(diff)).toEqual([]);
    expect(diff.resources.every((r) => r.diff === "")).toBe(true);
    expect(await driftOf(name)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const live = await suite.kube.getObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace } });
    expect((live?.spec as { replicas?: number }).replicas).toBe(5);
    expect(await historyOf(name)).toHaveLength(runs);
  });

  it("ignores a ConfigMap key by JSON pointer and a container image by jq expression, and nothing else", async () => {
    const { name, namespace } = await setUpSynced(
      { "configmap.yaml": CONFIGMAP("settings"), "deployment.yaml": DEPLOYMENT("api", 1) },
      {
        ignoreDifferences: [
          { kind: "ConfigMap", name: "settings", jsonPointers: ["/data/stamp"] },
          { group: "apps", kind: "Deployment", jqPathExpressions: ['.spec.template.spec.containers[] | select(.name == "web") | .image'] },
        ],
      },
    );
    await applyAs("kubectl", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace }, data: { stamp: "from-a-controller" } });
    await applyAs("kubectl-set", {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "api", namespace },
      spec: { template: { spec: { containers: [{ name: "web", image: "nginx:1.28" }] } } },
    });
    const ignored = await diffOf(name);
    expect(ignored.syncStatus, JSON.stringify(changedPaths(ignored))).toBe("Synced");

    await applyAs("kubectl", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace }, data: { greeting: "changed" } });
    const drifted = await diffOf(name);
    expect(drifted.syncStatus).toBe("OutOfSync");
    expect(changedPaths(drifted)).toEqual(["data.greeting"]);
    expect((await driftOf(name)).map((e) => e.subject)).toEqual([`ConfigMap/${namespace}/settings`]);
  });

  it("ignores the fields a named field manager owns, and follows the rules as they change", async () => {
    const { name, namespace } = await setUpSynced({ "configmap.yaml": CONFIGMAP("owned") });
    await applyAs("config-operator", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "owned", namespace }, data: { greeting: "set by the operator" } });
    expect(changedPaths(await diffOf(name))).toEqual(["data.greeting"]);

    const ignoring = await api(suite.web.url, "PATCH", `/api/apps/${name}`, { ignoreDifferences: [{ kind: "ConfigMap", managedFieldsManagers: ["config-operator"] }] });
    expect(ignoring.status, ignoring.text).toBe(200);
    await until(() => diffOf(name), (d) => d.syncStatus === "Synced", "the operator's field to be ignored");

    const cleared = await api(suite.web.url, "PATCH", `/api/apps/${name}`, { ignoreDifferences: [] });
    expect(cleared.status, cleared.text).toBe(200);
    expect(changedPaths(await diffOf(name))).toEqual(["data.greeting"]);
  });

  it("refuses an unsupported jq expression with a sentence naming it, and stores nothing", async () => {
    const id = randomBytes(3).toString("hex");
    const refused = await api<{ fields?: { field: string; message: string }[] }>(suite.web.url, "POST", "/api/apps", {
      name: `bad-${id}`,
      repoUrl: "https://git.example/config.git",
      destNamespace: `ns-${id}`,
      ignoreDifferences: [{ kind: "ConfigMap", jqPathExpressions: [".data | keys"] }],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.fields?.map((f) => f.field)).toEqual(["ignoreDifferences.0.jqPathExpressions.0"]);
    expect(refused.body.fields?.[0]?.message).toMatch(/^JQ path expression "\.data \| keys" is not supported/);
    expect((await api(suite.web.url, "GET", `/api/apps/bad-${id}`)).status).toBe(404);
  });
});
