/**
 * The in-cluster install (deploy/): it builds with the kustomize Lockstep runs, the API server
 * accepts every object (server-side dry run), and its ServiceAccount gets what Lockstep needs
 * and no more. Each test installs a copy in a namespace and under names of its own.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuthorizationV1Api, CoordinationV1Api, type KubeConfig, type V1ResourceAttributes } from "@kubernetes/client-node";
import { KubeConfigs } from "@/lib/kube/config";
import { describeKubeError } from "@/lib/kube/errors";
import { KubeObjectClient } from "@/lib/kube/object-client";
import type { KubeObject } from "@/lib/types";
import { loadTestKubeConfig } from "../helpers/cluster";
import { buildInstallCopy, CLUSTER_ADMIN_OVERLAY, deploymentEnvironment, INSTALL_BASE, kubeConfigWithToken, kustomizeBuild, onlyOf, serviceAccountToken, writeKubeconfig, type InstallTarget } from "../helpers/install";
import { until } from "../helpers/until";

const RBAC_KINDS = new Set(["Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"]);

/** Whether the ServiceAccount behind `kc` may do this, as the API server's authorizer answers. */
async function can(kc: KubeConfig, attributes: V1ResourceAttributes): Promise<boolean> {
  const review = await kc.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({
    body: { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", spec: { resourceAttributes: attributes } },
  });
  return review.status?.allowed ?? false;
}

const deployments = { group: "apps", resource: "deployments" };
const leases = { group: "coordination.k8s.io", resource: "leases" };

describe("the in-cluster install", () => {
  let admin: KubeConfig;
  let kube: KubeObjectClient;
  /** Everything a test created for real, deleted after it (cluster-scoped objects and namespaces). */
  let created: KubeObject[] = [];

  beforeAll(() => {
    admin = loadTestKubeConfig();
    kube = KubeObjectClient.forConfig(admin);
  });

  afterEach(async () => {
    for (const obj of created.reverse()) await kube.deleteObject(obj);
    created = [];
  });

  function target(): InstallTarget {
    const id = randomBytes(3).toString("hex");
    return { namespace: `lockstep-${id}`, nameSuffix: `-${id}` };
  }

  /** Applies objects for real, remembering the namespaces and cluster-scoped ones for deletion. */
  async function install(objects: readonly KubeObject[]): Promise<void> {
    for (const obj of objects) {
      await kube.applyObject(obj);
      if (!obj.metadata.namespace) created.push(obj);
    }
  }

  it("builds the base and the cluster-admin overlay with the kustomize Lockstep runs", async () => {
    const base = await kustomizeBuild(INSTALL_BASE);
    expect(base.map((obj) => obj.kind).sort()).toEqual(
      ["ClusterRole", "ClusterRole", "ClusterRoleBinding", "Deployment", "Namespace", "PodDisruptionBudget", "Role", "RoleBinding", "Service", "ServiceAccount"],
    );
    expect(base.every((obj) => obj.kind === "Namespace" || obj.kind.startsWith("Cluster") || obj.metadata.namespace === "lockstep")).toBe(true);
    const bindings = base.filter((obj) => obj.kind === "ClusterRoleBinding").map((obj) => (obj.roleRef as { name: string }).name);
    expect(bindings).toEqual(["lockstep-read"]);

    const deployment = onlyOf(base, "Deployment");
    const spec = deployment.spec as { replicas: number; template: { spec: { serviceAccountName: string; containers: { env: { name: string }[]; readinessProbe: { httpGet: { path: string } } }[] } } };
    expect(spec.replicas).toBe(2);
    expect(spec.template.spec.serviceAccountName).toBe("lockstep");
    const container = spec.template.spec.containers[0]!;
    expect(container.env.map((v) => v.name)).toEqual(expect.arrayContaining(["DATABASE_URL", "LOCKSTEP_SECRET_KEY", "LOCKSTEP_DATA_DIR", "LOCKSTEP_REPLICA_NAME", "LOCKSTEP_NAMESPACE"]));
    expect(container.readinessProbe.httpGet.path).toBe("/api/healthz");

    const overlay = await kustomizeBuild(CLUSTER_ADMIN_OVERLAY);
    const adminBinding = overlay.find((obj) => obj.kind === "ClusterRoleBinding" && (obj.roleRef as { name: string }).name === "cluster-admin");
    expect(adminBinding?.subjects).toEqual([{ kind: "ServiceAccount", name: "lockstep", namespace: "lockstep" }]);
    expect(overlay).toHaveLength(base.length + 1);
  });

  it.each([
    ["base", INSTALL_BASE],
    ["cluster-admin overlay", CLUSTER_ADMIN_OVERLAY],
  ])("has every object of the %s pass a server-side dry run", async (_name, source) => {
    const objects = await buildInstallCopy(source, target());
    await install([onlyOf(objects, "Namespace")]);
    for (const obj of objects) {
      const answer = await kube.applyObject(obj, { dryRun: true, validate: true }).catch((error: unknown) => {
        throw new Error(`${obj.kind} ${obj.metadata.name} failed the dry run: ${describeKubeError(error).message}`);
      });
      expect(answer.metadata.name).toBe(obj.metadata.name);
    }
  });

  it("lets its ServiceAccount read Deployments everywhere and hold Leases in its namespace, but write nothing else", async () => {
    const where = target();
    const objects = await buildInstallCopy(INSTALL_BASE, where);
    await install(objects.filter((obj) => RBAC_KINDS.has(obj.kind)));
    const account = onlyOf(objects, "ServiceAccount").metadata.name;
    const lockstep = kubeConfigWithToken(admin, await serviceAccountToken(admin, where.namespace, account));

    await until(() => can(lockstep, { verb: "list", ...deployments }), Boolean, "the read binding to take effect", 10_000);
    for (const verb of ["get", "list", "watch"]) expect(await can(lockstep, { verb, ...deployments }), verb).toBe(true);
    for (const verb of ["get", "list", "watch", "create", "update", "patch", "delete"]) {
      expect(await can(lockstep, { verb, namespace: where.namespace, ...leases }), `${verb} leases`).toBe(true);
    }
    for (const verb of ["create", "update", "delete"]) {
      expect(await can(lockstep, { verb, namespace: "default", ...leases }), `${verb} leases in another namespace`).toBe(false);
    }
    for (const verb of ["create", "patch", "update", "delete"]) {
      expect(await can(lockstep, { verb, namespace: "default", ...deployments }), `${verb} deployments`).toBe(false);
    }

    const listed = await KubeObjectClient.forConfig(lockstep).listObjects("apps/v1", "Deployment");
    expect(Array.isArray(listed)).toBe(true);
    const coordination = lockstep.makeApiClient(CoordinationV1Api);
    const lease = await coordination.createNamespacedLease({ namespace: where.namespace, body: { metadata: { name: "shard-0" }, spec: { holderIdentity: "lockstep-0", leaseDurationSeconds: 15 } } });
    lease.spec!.holderIdentity = "lockstep-1";
    const taken = await coordination.replaceNamespacedLease({ name: "shard-0", namespace: where.namespace, body: lease });
    expect(taken.spec?.holderIdentity).toBe("lockstep-1");
    await coordination.deleteNamespacedLease({ name: "shard-0", namespace: where.namespace });
  });

  it("writes in a namespace where lockstep-write is bound, and anywhere with the cluster-admin overlay", async () => {
    const where = target();
    const objects = await buildInstallCopy(CLUSTER_ADMIN_OVERLAY, where);
    const adminBinding = objects.find((obj) => obj.kind === "ClusterRoleBinding" && (obj.roleRef as { name: string }).name === "cluster-admin")!;
    await install(objects.filter((obj) => RBAC_KINDS.has(obj.kind) && obj !== adminBinding));
    const account = onlyOf(objects, "ServiceAccount").metadata.name;
    const write = objects.find((obj) => obj.kind === "ClusterRole" && obj.metadata.name.startsWith("lockstep-write"))!;
    const destination = `${where.namespace}-apps`;
    await install([{ apiVersion: "v1", kind: "Namespace", metadata: { name: destination } }]);
    await kube.applyObject({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "lockstep-write", namespace: destination },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: write.metadata.name },
      subjects: [{ kind: "ServiceAccount", name: account, namespace: where.namespace }],
    });
    const lockstep = kubeConfigWithToken(admin, await serviceAccountToken(admin, where.namespace, account));

    const deleteElsewhere = { verb: "delete", namespace: "default", ...deployments };
    await until(() => can(lockstep, { verb: "patch", namespace: destination, ...deployments }), Boolean, "the write binding to take effect", 10_000);
    expect(await can(lockstep, { verb: "create", namespace: destination, ...deployments })).toBe(true);
    expect(await can(lockstep, deleteElsewhere)).toBe(false);
    expect(await can(lockstep, { verb: "create", resource: "namespaces" })).toBe(false);

    await install([adminBinding]);
    await until(() => can(lockstep, deleteElsewhere), Boolean, "the cluster-admin binding to take effect", 10_000);
    expect(await can(lockstep, { verb: "create", resource: "namespaces" })).toBe(true);
  });

  it("gives an out-of-cluster process the pod's environment and a kubeconfig file of the ServiceAccount's token", async () => {
    const where = target();
    const objects = await buildInstallCopy(INSTALL_BASE, where);
    await install(objects.filter((obj) => RBAC_KINDS.has(obj.kind)));
    const env = deploymentEnvironment(onlyOf(objects, "Deployment"), {
      fields: { "metadata.name": "lockstep-0", "metadata.namespace": where.namespace },
      secrets: { "lockstep-secret-key/key": "a-key" },
    });
    expect(env).toMatchObject({ LOCKSTEP_REPLICA_NAME: "lockstep-0", LOCKSTEP_NAMESPACE: where.namespace, LOCKSTEP_SECRET_KEY: "a-key", LOCKSTEP_DATA_DIR: "/var/lib/lockstep" });
    expect(env).not.toHaveProperty("DATABASE_URL");

    const dir = await mkdtemp(path.join(os.tmpdir(), "lockstep-sa-"));
    try {
      const token = await serviceAccountToken(admin, where.namespace, onlyOf(objects, "ServiceAccount").metadata.name);
      const file = await writeKubeconfig(kubeConfigWithToken(admin, token), dir);
      const client = KubeObjectClient.forConfig(new KubeConfigs(file).load());
      await until(() => client.listObjects("apps/v1", "Deployment").then(() => true, () => false), Boolean, "the ServiceAccount to list Deployments", 10_000);
      await expect(client.deleteObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `absent${where.nameSuffix}`, namespace: "default" } })).rejects.toThrow(/forbidden/i);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
