/**
 * The local cluster: a real Kubernetes control plane (etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler) plus kwok playing the kubelet of one
 * fake node, built from the Go modules in this directory and run on 127.0.0.1.
 * Used by the demo, the integration and e2e tests, and the benchmarks.
 *
 * - {@link ensureBinaries} / {@link locateBinaries}: build or find the binaries in `~/.cache/lockstep/bin/<key>/`.
 * - {@link startCluster} / {@link stopCluster} / {@link clusterStatus}: what `cli.ts up|down|status` do.
 * - {@link ensureCluster}: start one unless a healthy one runs; for test setup.
 */
export { ensureBinaries, locateBinaries, type BinPaths, type EnsureBinariesOptions } from "./build";
export {
  clusterStatus,
  ensureCluster,
  startCluster,
  stopCluster,
  type ClusterOptions,
  type StartClusterOptions,
  type StartedCluster,
} from "./cluster";
export { isLocalClusterError, LocalClusterError } from "./errors";
export { fakeNodeName } from "./node";
export type { ClusterStatus, ProcessStatus } from "./status";
