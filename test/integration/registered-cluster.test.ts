import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { KubeConfig } from "@kubernetes/client-node";
import { Clusters } from "@/lib/cache/clusters";
import { createClusterRegistry, type ClusterRegistry } from "@/lib/clusters/registry";
import { createClusterRecords } from "@/lib/clusters/store";
import { toSecretKey } from "@/lib/credentials/secret-key";
import { openDatabase, type Database } from "@/lib/db/database";
import { createAdminServiceAccount, serverAndCaOf, type ClusterRegistration } from "../helpers/cluster-credentials";
import { startSecondCluster, type SecondCluster } from "../helpers/second-cluster";

describe("a registered cluster, reached without a kubeconfig file", () => {
  let second: SecondCluster;
  let dir: string;
  let db: Database;
  let registry: ClusterRegistry;
  let clusters: Clusters;
  let registration: ClusterRegistration;

  beforeAll(async () => {
    second = await startSecondCluster();
    registration = await createAdminServiceAccount(second.kubeConfig);
    dir = await mkdtemp(path.join(os.tmpdir(), "lockstep-registered-"));
    db = await openDatabase({ url: `file:${path.join(dir, "lockstep.db")}` });
    const ring = { current: toSecretKey(randomBytes(32)), previous: [] };
    registry = createClusterRegistry({ records: createClusterRecords({ rows: db.clusters, keyRing: async () => ring }), log: { error: () => undefined } });
    clusters = new Clusters({ kubeconfig: path.join(dir, "no-kubeconfig"), registered: registry.registered });
    registry.onChange((name) => clusters.forget(name));
  }, 180_000);

  afterAll(async () => {
    clusters?.stop();
    registry?.stop();
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    await second?.stop();
  });

  it("applies, reads and watches objects with a ServiceAccount's bearer token, and shows the server's version", async () => {
    await registry.create({ name: "second", ...registration });
    const client = clusters.client("second");
    await client.applyObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "registered", namespace: "default" }, data: { via: "token" } });
    const live = await client.getObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "registered", namespace: "default" } });
    expect(live?.data).toEqual({ via: "token" });
    const cache = clusters.cache("second");
    await cache.ensureKinds([{ apiVersion: "v1", kind: "ConfigMap" }]);
    await expect.poll(() => cache.list({ apiVersion: "v1", kind: "ConfigMap" }).some((o) => o.metadata.name === "registered")).toBe(true);
    const state = await registry.probe("second");
    expect(state.status).toBe("connected");
    expect(state.version).toMatch(/^v1\.\d+/);
    expect((await clusters.info("second")).connected).toBe(true);
  });

  it("restarts its watches on new credentials, says why a refused token makes it unreachable, and reconnects with a new one", async () => {
    const watching = clusters.cache("second");
    await registry.update("second", { token: "not-a-valid-token" });
    expect(clusters.cache("second")).not.toBe(watching);
    const refused = await registry.probe("second");
    expect(refused).toMatchObject({ status: "unreachable", version: expect.stringMatching(/^v1\./) });
    expect(refused.reason).toMatch(/Unauthorized/i);
    expect(JSON.stringify(await registry.list())).not.toContain("not-a-valid-token");

    await registry.update("second", { token: registration.token });
    expect((await registry.probe("second")).status).toBe("connected");
  });

  it("reaches the cluster with a client certificate and key instead", async () => {
    const user = second.kubeConfig.getCurrentUser();
    const pem = (data: string | undefined) => Buffer.from(data ?? "", "base64").toString("utf8");
    await registry.create({ name: "second-cert", ...serverAndCaOf(second.kubeConfig), clientCertificate: pem(user?.certData), clientKey: pem(user?.keyData) });
    const namespaces = await clusters.client("second-cert").listObjects("v1", "Namespace");
    expect(namespaces.map((ns) => ns.metadata.name)).toContain("default");
  });

  it("refuses to reach a server whose certificate the registered CA did not sign", async () => {
    const testCluster = new KubeConfig();
    testCluster.loadFromFile(inject("kubeconfig"));
    await registry.create({ name: "wrong-ca", server: serverAndCaOf(testCluster).server, caData: registration.caData, token: registration.token });
    const state = await registry.probe("wrong-ca");
    expect(state.status).toBe("unreachable");
    expect(state.reason).toMatch(/certificate|self.signed|verify/i);
  });
});
