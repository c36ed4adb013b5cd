import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KubeObjectClient } from "@/lib/kube/object-client";
import { createAppOnRepo } from "../helpers/app-fixture";
import { createAdminServiceAccount, type ClusterRegistration } from "../helpers/cluster-credentials";
import { api, type DiffBody, type OperationBody } from "../helpers/lockstep-api";
import { startSecondCluster, type SecondCluster } from "../helpers/second-cluster";
import { useServerSuite } from "../helpers/server-suite";
import { until } from "../helpers/until";

const CONFIGMAP = (name: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  greeting: hello
`;

interface ClusterBody {
  name: string;
  server: string;
  authKind: string;
  hasToken: boolean;
  connection: { status: string; version?: string; lastContact?: string; reason?: string };
}

interface DriftBody {
  entries: { app: string; subject: string; changes: { path: string; manager?: string }[] }[];
}

describe("registered clusters, from the API to drift on a second cluster", () => {
  const suite = useServerSuite();
  let second: SecondCluster;
  let registration: ClusterRegistration;
  let remote: KubeObjectClient;

  beforeAll(async () => {
    second = await startSecondCluster();
    registration = await createAdminServiceAccount(second.kubeConfig);
    remote = KubeObjectClient.forConfig(second.kubeConfig);
  }, 180_000);

  afterAll(async () => {
    await second?.stop();
  });

  const clusterOf = async (name: string) => api<ClusterBody>(suite.web.url, "GET", `/api/clusters/${name}`);

  it("registers a cluster without ever answering its token, and shows its version once probed", async () => {
    const created = await api<ClusterBody>(suite.web.url, "POST", "/api/clusters", { name: "second", ...registration });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ name: "second", server: registration.server, authKind: "token", hasToken: true });
    expect(created.text).not.toContain(registration.token);

    const probed = await until(() => clusterOf("second"), (answer) => answer.body.connection.status !== "unknown", "the first probe of cluster second");
    expect(probed.body.connection.status, probed.text).toBe("connected");
    expect(probed.body.connection.version).toMatch(/^v1\.\d+/);
    expect(probed.body.connection.lastContact).toBeTruthy();

    const list = await api<ClusterBody[]>(suite.web.url, "GET", "/api/clusters");
    expect(list.body.map((c) => c.name)).toContain("second");
    expect(list.text).not.toContain(registration.token);
    expect(suite.web.logs()).not.toContain(registration.token);
  });

  it("refuses a second cluster of the same name, a bad body and the name local, each with one sentence", async () => {
    expect((await api(suite.web.url, "POST", "/api/clusters", { name: "second", ...registration })).status).toBe(409);
    const both = await api(suite.web.url, "POST", "/api/clusters", { name: "both", ...registration, clientCertificate: registration.caData, clientKey: "x" });
    expect(both.status).toBe(422);
    expect(both.text).not.toContain(registration.token);
    const local = await api(suite.web.url, "POST", "/api/clusters", { name: "local", ...registration });
    expect(local.status).toBe(422);
    expect(local.text).toContain('Name \\"local\\" is reserved');
  });

  it("deploys an app to the registered cluster, sees drift made there by another field manager, and keeps the cluster while the app exists", async () => {
    const { name, namespace } = await createAppOnRepo(suite.web, suite.git, { "configmap.yaml": CONFIGMAP("settings") }, { destCluster: "second" });
    const op = await api<OperationBody>(suite.web.url, "POST", `/api/apps/${name}/sync?wait=true`, {});
    expect(op.body.phase, op.text).toBe("Succeeded");
    const live = await remote.getObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace } });
    expect(live?.metadata.labels?.["lockstep.dev/app"]).toBe(name);
    expect(await suite.kube.getObject({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } })).toBeUndefined();
    expect((await api<DiffBody>(suite.web.url, "GET", `/api/apps/${name}/diff?refresh=true`)).body.syncStatus).toBe("Synced");

    await remote.applyObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace }, data: { greeting: "changed by hand" } }, { fieldManager: "someone-else", force: true });

    const drift = await until(
      () => api<DiffBody>(suite.web.url, "GET", `/api/apps/${name}/diff?refresh=true`),
      (answer) => answer.body.syncStatus === "OutOfSync",
      "the app to see the drift on cluster second",
    );
    const changed = drift.body.resources.find((r) => r.subject.startsWith("ConfigMap/"));
    expect(changed?.changedPaths.join(" ")).toContain("greeting");
    const report = await api<DriftBody>(suite.web.url, "GET", `/api/drift?app=${name}`);
    expect(report.body.entries.flatMap((e) => e.changes).find((c) => c.path.includes("greeting"))?.manager).toBe("someone-else");

    const refused = await api(suite.web.url, "DELETE", "/api/clusters/second");
    expect(refused.status).toBe(409);
    expect(refused.text).toContain(name);
  });

  it("reports a cluster whose token is refused as unreachable, with the reason, and deletes a cluster no app uses", async () => {
    const created = await api<ClusterBody>(suite.web.url, "POST", "/api/clusters", { name: "refused", ...registration, token: "not-a-valid-token" });
    expect(created.status, created.text).toBe(201);
    const probed = await until(() => clusterOf("refused"), (answer) => answer.body.connection.status !== "unknown", "the first probe of cluster refused");
    expect(probed.body.connection).toMatchObject({ status: "unreachable", reason: expect.stringContaining("401") });
    expect((await api(suite.web.url, "DELETE", "/api/clusters/refused")).status).toBe(204);
    expect((await clusterOf("refused")).status).toBe(404);
  });
});
