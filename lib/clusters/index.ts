/**
 * lib/clusters — destination clusters registered through the API: name, API server URL, CA,
 * and a bearer token or client certificate and key, the secret sealed with lib/credentials'
 * cipher and never returned; an in-memory client configuration of each that lib/kube resolves
 * names with (before the kubeconfig's contexts); and each cluster's connection state (version,
 * last contact, reason when unreachable), kept by a prober.
 */
export { nextConnectionState, UNKNOWN_CONNECTION, type ConnectionState, type ConnectionStatus } from "./connection-state";
export { createClusterRegistry, type ClusterProbe, type ClusterRegistry, type ClusterRegistryOptions, type ClusterView } from "./registry";
export { CLUSTER_AUTH_KINDS, clusterCreateSchema, clusterUpdateSchema, type ClusterAuthKind, type ClusterCreate, type ClusterUpdate } from "./schema";
export { createClusterRecords, type ClusterRecords, type ClusterRecordsDependencies, type ClusterRecordView } from "./store";
