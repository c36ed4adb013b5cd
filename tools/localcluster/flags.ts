import { loopback } from "./ports";
import { frontProxyUser, type Pki } from "./pki";
import type { ClusterLayout, ClusterPorts, DaemonName } from "./state";

/** Everything the command lines depend on. */
export interface FlagContext {
  layout: ClusterLayout;
  ports: ClusterPorts;
  pki: Pki;
  /** The kwok Stage configuration file. */
  kwokStagesPath: string;
  /** The fake node kwok manages. */
  nodeName: string;
}

/** The issuer of ServiceAccount tokens, the conventional in-cluster apiserver URL. */
const serviceAccountIssuer = "https://kubernetes.default.svc.cluster.local";

/** Client QPS high enough that controllers are never the bottleneck in tests and benchmarks. */
const clientRateFlags = ["--kube-api-qps=1000", "--kube-api-burst=2000"];

function etcdArgs({ layout, ports }: FlagContext): string[] {
  const client = `http://${loopback}:${ports.etcdClient}`;
  const peer = `http://${loopback}:${ports.etcdPeer}`;
  return [
    "--name=node0",
    `--data-dir=${layout.etcdDataDir}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=node0=${peer}`,
    "--unsafe-no-fsync=true",
    "--auto-compaction-mode=periodic",
    "--auto-compaction-retention=1h",
    "--log-level=warn",
  ];
}

/**
 * Request-header (front proxy) authentication, as kubeadm sets it up: aggregated
 * API servers work, and controllers stop logging a missing CA bundle.
 */
function frontProxyArgs(pki: Pki): string[] {
  return [
    `--requestheader-client-ca-file=${pki.ca.cert}`,
    `--requestheader-allowed-names=${frontProxyUser}`,
    "--requestheader-username-headers=X-Remote-User",
    "--requestheader-group-headers=X-Remote-Group",
    "--requestheader-extra-headers-prefix=X-Remote-Extra-",
    `--proxy-client-cert-file=${pki.frontProxy.cert}`,
    `--proxy-client-key-file=${pki.frontProxy.key}`,
  ];
}

function apiserverArgs({ layout, ports, pki }: FlagContext): string[] {
  return [
    `--etcd-servers=http://${loopback}:${ports.etcdClient}`,
    `--bind-address=${loopback}`,
    `--advertise-address=${loopback}`,
    `--secure-port=${ports.apiserver}`,
    `--cert-dir=${layout.pkiDir}`,
    `--tls-cert-file=${pki.serving.cert}`,
    `--tls-private-key-file=${pki.serving.key}`,
    `--client-ca-file=${pki.ca.cert}`,
    `--service-account-issuer=${serviceAccountIssuer}`,
    `--service-account-key-file=${pki.serviceAccount.publicKey}`,
    `--service-account-signing-key-file=${pki.serviceAccount.privateKey}`,
    ...frontProxyArgs(pki),
    "--service-cluster-ip-range=10.96.0.0/16",
    "--authorization-mode=RBAC",
    "--allow-privileged=true",
    "--endpoint-reconciler-type=none",
    "--enable-priority-and-fairness=false",
    "--max-requests-inflight=0",
    "--max-mutating-requests-inflight=0",
    "--profiling=false",
  ];
}

/** Flags shared by controller-manager and scheduler: identity, serving and no leader election. */
function controlPlaneClientArgs(ctx: FlagContext, name: "kube-controller-manager" | "kube-scheduler", port: number) {
  const kubeconfig = ctx.layout.componentKubeconfigPath(name);
  return [
    `--kubeconfig=${kubeconfig}`,
    `--authentication-kubeconfig=${kubeconfig}`,
    `--authorization-kubeconfig=${kubeconfig}`,
    `--bind-address=${loopback}`,
    `--secure-port=${port}`,
    `--tls-cert-file=${ctx.pki.serving.cert}`,
    `--tls-private-key-file=${ctx.pki.serving.key}`,
    "--leader-elect=false",
    ...clientRateFlags,
  ];
}

function controllerManagerArgs(ctx: FlagContext): string[] {
  const { pki } = ctx;
  return [
    ...controlPlaneClientArgs(ctx, "kube-controller-manager", ctx.ports.controllerManager),
    `--service-account-private-key-file=${pki.serviceAccount.privateKey}`,
    `--root-ca-file=${pki.ca.cert}`,
    "--use-service-account-credentials=true",
    `--cluster-signing-cert-file=${pki.ca.cert}`,
    `--cluster-signing-key-file=${pki.ca.key}`,
  ];
}

function schedulerArgs(ctx: FlagContext): string[] {
  return controlPlaneClientArgs(ctx, "kube-scheduler", ctx.ports.scheduler);
}

/** kwok plays the kubelet of one fake node, with the Stages committed in `tools/localcluster/kwok/`. */
function kwokArgs({ layout, ports, pki, kwokStagesPath, nodeName }: FlagContext): string[] {
  return [
    `--kubeconfig=${layout.kubeconfigPath}`,
    `--config=${kwokStagesPath}`,
    `--manage-single-node=${nodeName}`,
    `--server-address=${loopback}:${ports.kwok}`,
    `--tls-cert-file=${pki.serving.cert}`,
    `--tls-private-key-file=${pki.serving.key}`,
    `--node-ip=${loopback}`,
    `--node-port=${ports.kwok}`,
    "--cidr=10.244.0.1/16",
    "--node-lease-duration-seconds=40",
  ];
}

const builders: Record<DaemonName, (ctx: FlagContext) => string[]> = {
  etcd: etcdArgs,
  "kube-apiserver": apiserverArgs,
  "kube-controller-manager": controllerManagerArgs,
  "kube-scheduler": schedulerArgs,
  kwok: kwokArgs,
};

/** The command-line arguments of one component. */
export function daemonArgs(name: DaemonName, ctx: FlagContext): string[] {
  return builders[name](ctx);
}
