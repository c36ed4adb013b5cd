/**
 * The in-cluster install (deploy/) for tests: its Kustomize builds, a copy moved to a namespace
 * and names of the test's own (so tests never touch a real `lockstep` namespace or each other's
 * cluster roles), a ServiceAccount's token and kubeconfig, and the environment its Deployment sets.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { parseAllDocuments } from "yaml";
import { findKustomizeBinary } from "@/lib/source/kustomize-bin";
import type { KubeObject } from "@/lib/types";

const execFileAsync = promisify(execFile);

/** The Kustomize base of the install. */
export const INSTALL_BASE = path.resolve("deploy/base");

/** The opt-in overlay that binds cluster-admin. */
export const CLUSTER_ADMIN_OVERLAY = path.resolve("deploy/overlays/cluster-admin");

/** `kustomize build <dir>`, with the kustomize Lockstep itself would run, as parsed objects. */
export async function kustomizeBuild(dir: string): Promise<KubeObject[]> {
  const kustomize = await findKustomizeBinary();
  if (!kustomize) throw new Error("No kustomize binary found; run `npm run cluster:build` or set LOCKSTEP_KUSTOMIZE.");
  const { stdout } = await execFileAsync(kustomize, ["build", dir], { maxBuffer: 16 * 1024 * 1024 });
  return parseAllDocuments(stdout)
    .map((doc) => doc.toJSON() as KubeObject | null)
    .filter((obj): obj is KubeObject => obj !== null);
}

/** Where a test puts its copy of the install. */
export interface InstallTarget {
  /** The namespace that replaces `lockstep`. */
  namespace: string;
  /** Appended to every name, cluster-scoped ones included (`lockstep-read` → `lockstep-read<suffix>`). */
  nameSuffix: string;
}

/**
 * Builds `source` (the base or an overlay) through an overlay of the test's own that sets the
 * namespace and a name suffix, as an operator's overlay would: references (bindings' subjects
 * and role names, the Deployment's ServiceAccount) follow.
 */
export async function buildInstallCopy(source: string, target: InstallTarget): Promise<KubeObject[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "lockstep-install-"));
  try {
    const kustomization = [
      "apiVersion: kustomize.config.k8s.io/v1beta1",
      "kind: Kustomization",
      `namespace: ${JSON.stringify(target.namespace)}`,
      `nameSuffix: ${JSON.stringify(target.nameSuffix)}`,
      "resources:",
      `  - ${path.relative(dir, source)}`,
      "",
    ].join("\n");
    await writeFile(path.join(dir, "kustomization.yaml"), kustomization);
    return await kustomizeBuild(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The one object of `kind` in `objects`. @throws Error when there is none or several. */
export function onlyOf(objects: readonly KubeObject[], kind: string): KubeObject {
  const found = objects.filter((obj) => obj.kind === kind);
  if (found.length !== 1) throw new Error(`Expected one ${kind} in the install, found ${found.length}.`);
  return found[0]!;
}

/** A fresh token of a ServiceAccount, through the TokenRequest API, as the kubelet mounts one into a pod. */
export async function serviceAccountToken(admin: KubeConfig, namespace: string, name: string, expirationSeconds = 3600): Promise<string> {
  const answer = await admin.makeApiClient(CoreV1Api).createNamespacedServiceAccountToken({
    name,
    namespace,
    body: { spec: { audiences: [], expirationSeconds } },
  });
  const token = answer.status?.token;
  if (!token) throw new Error(`The API server issued no token for ServiceAccount ${namespace}/${name}.`);
  return token;
}

/** A kubeconfig for the admin's cluster (server and CA) that authenticates with `token` alone. */
export function kubeConfigWithToken(admin: KubeConfig, token: string): KubeConfig {
  const cluster = admin.getCurrentCluster();
  if (!cluster) throw new Error("The admin kubeconfig names no current cluster.");
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ ...cluster, name: "cluster" }],
    users: [{ name: "service-account", token }],
    contexts: [{ name: "service-account", cluster: "cluster", user: "service-account" }],
    currentContext: "service-account",
  });
  return kc;
}

/** Writes `kc` to a file with owner-only permissions (it holds a token); returns the path. */
export async function writeKubeconfig(kc: KubeConfig, dir: string): Promise<string> {
  const file = path.join(dir, "kubeconfig");
  await writeFile(file, kc.exportConfig(), { mode: 0o600 });
  return file;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { fieldPath: string };
    secretKeyRef?: { name: string; key: string; optional?: boolean };
  };
}

/** What stands in for the pod around a container when its environment is resolved out of cluster. */
export interface PodFacts {
  /** Downward API values by field path, e.g. `metadata.name`. */
  fields: Record<string, string>;
  /** Secret values by `<secret>/<key>`; a reference to a missing one leaves its variable unset. */
  secrets: Record<string, string>;
}

/**
 * The environment the Deployment's first container gets, as the kubelet would resolve it:
 * literal values, downward API fields and Secret keys. Variables whose Secret is absent are
 * left out (as an optional reference is), so a test can leave `DATABASE_URL` to the default.
 */
export function deploymentEnvironment(deployment: KubeObject, pod: PodFacts): Record<string, string> {
  const spec = deployment.spec as { template: { spec: { containers: { env?: EnvVar[] }[] } } };
  const env: Record<string, string> = {};
  for (const variable of spec.template.spec.containers[0]?.env ?? []) {
    const from = variable.valueFrom;
    const value =
      variable.value ??
      (from?.fieldRef ? pod.fields[from.fieldRef.fieldPath] : undefined) ??
      (from?.secretKeyRef ? pod.secrets[`${from.secretKeyRef.name}/${from.secretKeyRef.key}`] : undefined);
    if (value !== undefined) env[variable.name] = value;
  }
  return env;
}
