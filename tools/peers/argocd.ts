/**
 * Argo CD as its own release runs it, outside the cluster against the local control plane:
 * Redis (Debian's redis-server), `argocd-repo-server` and `argocd-application-controller` (the
 * multicall `argocd` binary, told its role by `ARGOCD_BINARY_NAME` as upstream's Procfile does;
 * `ARGOCD_FAKE_IN_CLUSTER` makes the in-cluster destination the kubeconfig's cluster), its CRDs
 * from the module's manifests/crds, and the `peer-argocd` namespace with argocd-cm,
 * argocd-secret, argocd-rbac-cm and the `default` AppProject.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { pickFreePorts } from "../localcluster/ports";
import { PeerError } from "./errors";
import { applyCrds, goModuleDir, kubectl } from "./kube";
import { answersOk, startPeerProcess, stopPeerProcesses, waitUntil, type PeerProcess } from "./process";
import { PEER_NAMESPACE_PREFIX, type PeerRuntime, type StartPeerOptions } from "./runtime";
import { peersDir, peerVersion } from "./versions";

/** Debian's Redis server, which Argo CD caches in. */
export const REDIS_SERVER = "/usr/bin/redis-server";

/** The namespace of Argo CD's own objects. */
export const ARGOCD_NAMESPACE = `${PEER_NAMESPACE_PREFIX}argocd`;

const LABELS = `    app.kubernetes.io/part-of: argocd\n`;

function controlObjects(secretKey: string): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${ARGOCD_NAMESPACE}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: argocd-cm
  namespace: ${ARGOCD_NAMESPACE}
  labels:
${LABELS}data: {}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: argocd-rbac-cm
  namespace: ${ARGOCD_NAMESPACE}
  labels:
${LABELS}data: {}
---
apiVersion: v1
kind: Secret
metadata:
  name: argocd-secret
  namespace: ${ARGOCD_NAMESPACE}
  labels:
${LABELS}stringData:
  server.secretkey: "${secretKey}"
---
apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata:
  name: default
  namespace: ${ARGOCD_NAMESPACE}
spec:
  sourceRepos: ["*"]
  destinations: [{ server: "*", namespace: "*" }]
  clusterResourceWhitelist: [{ group: "*", kind: "*" }]
`;
}

/**
 * Starts Argo CD: CRDs and control objects, then Redis, the repo-server and the
 * application controller on free loopback ports; resolves when all three answer.
 *
 * @throws PeerError naming the component and its log when one exits or does not answer in time.
 */
export async function startArgoCd(options: StartPeerOptions): Promise<PeerRuntime> {
  const { kubectl: k, workDir } = options;
  const argocd = options.binaries.argocd as string;
  const logsDir = join(workDir, "logs");
  const dataDirs = ["tls", "ssh", "gpg", "gnupg", "plugins", "tmp", "redis"].map((d) => join(workDir, d));
  await Promise.all([logsDir, ...dataDirs].map((d) => mkdir(d, { recursive: true })));

  if (!existsSync(REDIS_SERVER)) throw new PeerError(`Argo CD needs Redis, but ${REDIS_SERVER} is missing; install it with "apt-get install -y redis-server".`);
  const argoDir = await goModuleDir(join(peersDir, "argocd"), "github.com/argoproj/argo-cd/v3");
  options.log("argocd: applying CRDs and the control namespace");
  await applyCrds(k, ["application-crd.yaml", "appproject-crd.yaml"].map((f) => join(argoDir, "manifests", "crds", f)));
  await kubectl(k, ["apply", "--server-side", "--force-conflicts", "-f", "-"], controlObjects(randomBytes(24).toString("hex")));

  const ports = await pickFreePorts(["redis", "repo", "repoMetrics", "controllerMetrics"] as const);
  const common = {
    KUBECONFIG: k.kubeconfig,
    ARGOCD_FAKE_IN_CLUSTER: "true",
    ARGOCD_TLS_DATA_PATH: join(workDir, "tls"),
    ARGOCD_SSH_DATA_PATH: join(workDir, "ssh"),
    ARGOCD_GPG_DATA_PATH: join(workDir, "gpg"),
    ARGOCD_GNUPGHOME: join(workDir, "gnupg"),
    ARGOCD_GPG_ENABLED: "false",
    ARGOCD_PLUGINSOCKFILEPATH: join(workDir, "plugins"),
    TMPDIR: join(workDir, "tmp"),
    PATH: `${options.toolsDir}:${process.env.PATH ?? ""}`,
  };
  const processes: PeerProcess[] = [];
  const stop = () => stopPeerProcesses(processes);
  try {
    options.log("argocd: starting redis-server, argocd-repo-server and argocd-application-controller");
    processes.push(
      await startPeerProcess({
        name: "redis-server",
        binary: REDIS_SERVER,
        args: ["--bind", "127.0.0.1", "--port", String(ports.redis), "--save", "", "--appendonly", "no", "--dir", join(workDir, "redis")],
        env: {},
        cwd: workDir,
        logPath: join(logsDir, "redis-server.log"),
      }),
    );
    const redis = `127.0.0.1:${ports.redis}`;
    processes.push(
      await startPeerProcess({
        name: "argocd-repo-server",
        binary: argocd,
        args: ["--address", "127.0.0.1", "--port", String(ports.repo), "--metrics-address", "127.0.0.1", "--metrics-port", String(ports.repoMetrics), "--redis", redis, "--disable-tls", "--loglevel", "info"],
        env: { ...common, ARGOCD_BINARY_NAME: "argocd-repo-server" },
        cwd: workDir,
        logPath: join(logsDir, "argocd-repo-server.log"),
      }),
    );
    processes.push(
      await startPeerProcess({
        name: "argocd-application-controller",
        binary: argocd,
        args: [
          "--kubeconfig", k.kubeconfig, "--namespace", ARGOCD_NAMESPACE, "--redis", redis,
          "--repo-server", `127.0.0.1:${ports.repo}`, "--repo-server-plaintext",
          "--metrics-port", String(ports.controllerMetrics), "--loglevel", "info",
        ],
        env: { ...common, ARGOCD_BINARY_NAME: "argocd-application-controller", HOSTNAME: "argocd-application-controller-0" },
        cwd: workDir,
        logPath: join(logsDir, "argocd-application-controller.log"),
      }),
    );
    const wait = { timeoutMs: 120_000, watch: processes };
    await waitUntil("argocd-repo-server's metrics", () => answersOk(`http://127.0.0.1:${ports.repoMetrics}/metrics`), wait);
    await waitUntil("argocd-application-controller's metrics", () => answersOk(`http://127.0.0.1:${ports.controllerMetrics}/metrics`), wait);
  } catch (error) {
    await stop();
    throw error;
  }
  return { peer: "argocd", version: await peerVersion("argocd"), controlNamespace: ARGOCD_NAMESPACE, processes, logsDir, stop };
}
