import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appSpecSchema } from "@/lib/apps/spec";
import { toSecretKey, type KeyRing } from "@/lib/credentials/secret-key";
import type { Database } from "@/lib/db/database";
import { openTempDatabase, type TempDatabase } from "@/lib/db/testing/temp-database";
import { KubeConfigs } from "@/lib/kube/config";
import { createClusterRegistry, type ClusterProbe } from "./registry";
import { createClusterRecords } from "./store";

const CA = "-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIBADAK\n-----END CERTIFICATE-----\n";
const TOKEN = "planted-cluster-token-42";

describe("a cluster registry", () => {
  let temp: TempDatabase;
  let db: Database;
  const ring: KeyRing = { current: toSecretKey(randomBytes(32)), previous: [] };
  let answers: { connected: boolean; version?: string; error?: string } = { connected: true, version: "v1.34.1" };
  const probe: ClusterProbe = async () => answers;

  beforeAll(async () => {
    temp = await openTempDatabase("clusters");
    db = temp.db;
  });
  afterAll(() => temp.dispose());

  const registryOf = (keyRing: KeyRing) => createClusterRegistry({ records: createClusterRecords({ rows: db.clusters, keyRing: async () => keyRing }), probe, log: { error: () => undefined } });

  it("stores the token as ciphertext, answers without it, and builds the configuration in memory", async () => {
    const registry = registryOf(ring);
    const view = await registry.create({ name: "staging", server: "https://10.0.0.1:6443", caData: CA, token: TOKEN });
    expect(view).toMatchObject({ name: "staging", authKind: "token", hasToken: true, hasClientKey: false });
    expect(JSON.stringify([view, await registry.list()])).not.toContain(TOKEN);
    const [row] = await db.clusters.listClusterRows();
    expect(row?.secret).not.toContain(TOKEN);
    expect(registry.registered.lookup("staging")?.getCurrentUser()?.token).toBe(TOKEN);
    expect(registry.registered.lookup("other")).toBeUndefined();
  });

  it("resolves a registered name before the kubeconfig's contexts, and never `local`", async () => {
    const registry = registryOf(ring);
    await registry.reload();
    const configs = new KubeConfigs("/nonexistent/kubeconfig", registry.registered);
    expect(configs.load("staging").getCurrentCluster()?.server).toBe("https://10.0.0.1:6443");
    expect(() => configs.load("local")).toThrow(/Cannot read the kubeconfig/);
  });

  it("keeps the version and last contact of the last answer, and says why a cluster stopped answering", async () => {
    const registry = registryOf(ring);
    await registry.reload();
    answers = { connected: true, version: "v1.34.1" };
    expect(await registry.probe("staging")).toMatchObject({ status: "connected", version: "v1.34.1" });
    answers = { connected: false, error: "connection refused by the Kubernetes API server" };
    const state = await registry.probe("staging");
    expect(state).toMatchObject({ status: "unreachable", version: "v1.34.1", reason: "connection refused by the Kubernetes API server" });
    expect(state.lastContact).toBeInstanceOf(Date);
    expect((await registry.get("staging")).connection).toEqual(state);
  });

  it("tells its listeners when a cluster's credentials change, and replaces the configuration", async () => {
    const registry = registryOf(ring);
    await registry.reload();
    const changed: string[] = [];
    registry.onChange((name) => changed.push(name));
    await registry.update("staging", { token: "rotated-token" });
    expect(changed).toEqual(["staging"]);
    expect(registry.registered.lookup("staging")?.getCurrentUser()?.token).toBe("rotated-token");
  });

  it("says, without the secret, that a cluster sealed with an unknown key cannot be used", async () => {
    const registry = registryOf({ current: toSecretKey(randomBytes(32)), previous: [] });
    await registry.reload();
    expect(() => registry.registered.lookup("staging")).toThrow(/^The credentials of cluster staging cannot be used: /);
    expect((await registry.probe("staging")).status).toBe("unreachable");
  });

  it("refuses to delete a cluster an app deploys to, naming the app", async () => {
    const registry = registryOf(ring);
    await db.apps.createApp(appSpecSchema.parse({ name: "web", repoUrl: "https://git.example/web.git", destCluster: "staging", destNamespace: "web" }));
    await expect(registry.delete("staging")).rejects.toThrow('Cluster "staging" cannot be deleted while applications deploy to it (web).');
    await db.apps.deleteApp("web");
    await registry.delete("staging");
    expect(await registry.list()).toEqual([]);
    expect(registry.registered.lookup("staging")).toBeUndefined();
  });
});
