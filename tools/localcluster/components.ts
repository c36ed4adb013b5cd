/** The Go modules under `tools/localcluster/`, one per upstream project. */
export const goModules = ["etcd", "kube", "kwok", "kustomize", "helm"] as const;

/** A Go module directory name under `tools/localcluster/`. */
export type GoModule = (typeof goModules)[number];

/** The binaries the local cluster needs, in build order. */
export const binaryNames = [
  "etcd",
  "kube-apiserver",
  "kube-controller-manager",
  "kube-scheduler",
  "kubectl",
  "kwok",
  "kustomize",
  "helm",
] as const;

/** The name of one binary of the local cluster. */
export type BinaryName = (typeof binaryNames)[number];

/** How to build one binary. */
export interface BinarySpec {
  /** The Go module (directory under `tools/localcluster/`) it is built from. */
  module: GoModule;
  /** The Go package path passed to `go build`. */
  pkg: string;
  /** A rough first-build duration on two cores, printed so nobody thinks it hangs. */
  firstBuildMinutes: number;
}

/** Build recipe per binary. Later kube binaries reuse most of the first one's compiled packages. */
export const binarySpecs: Record<BinaryName, BinarySpec> = {
  etcd: { module: "etcd", pkg: ".", firstBuildMinutes: 1 },
  "kube-apiserver": { module: "kube", pkg: "k8s.io/kubernetes/cmd/kube-apiserver", firstBuildMinutes: 6 },
  "kube-controller-manager": {
    module: "kube",
    pkg: "k8s.io/kubernetes/cmd/kube-controller-manager",
    firstBuildMinutes: 2,
  },
  "kube-scheduler": { module: "kube", pkg: "k8s.io/kubernetes/cmd/kube-scheduler", firstBuildMinutes: 1 },
  kubectl: { module: "kube", pkg: "k8s.io/kubernetes/cmd/kubectl", firstBuildMinutes: 1 },
  kwok: { module: "kwok", pkg: "sigs.k8s.io/kwok/cmd/kwok", firstBuildMinutes: 2 },
  kustomize: { module: "kustomize", pkg: "sigs.k8s.io/kustomize/kustomize/v5", firstBuildMinutes: 1 },
  helm: { module: "helm", pkg: "helm.sh/helm/v4/cmd/helm", firstBuildMinutes: 3 },
};
