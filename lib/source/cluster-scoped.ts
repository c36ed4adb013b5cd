/**
 * Which built-in kinds are cluster-scoped, for when the caller cannot ask the
 * cluster's discovery. Keyed by API group so that a namespaced custom kind that
 * happens to be called `Node` is not mistaken for the core one.
 */
import { groupOf } from "@/lib/types";

const CLUSTER_SCOPED_KINDS: Readonly<Record<string, readonly string[]>> = {
  "": ["Namespace", "Node", "PersistentVolume", "ComponentStatus"],
  "rbac.authorization.k8s.io": ["ClusterRole", "ClusterRoleBinding"],
  "apiextensions.k8s.io": ["CustomResourceDefinition"],
  "apiregistration.k8s.io": ["APIService"],
  "admissionregistration.k8s.io": [
    "ValidatingWebhookConfiguration",
    "MutatingWebhookConfiguration",
    "ValidatingAdmissionPolicy",
    "ValidatingAdmissionPolicyBinding",
    "MutatingAdmissionPolicy",
    "MutatingAdmissionPolicyBinding",
  ],
  "storage.k8s.io": ["StorageClass", "CSIDriver", "CSINode", "VolumeAttachment", "VolumeAttributesClass"],
  "scheduling.k8s.io": ["PriorityClass"],
  "networking.k8s.io": ["IngressClass", "IPAddress", "ServiceCIDR"],
  "node.k8s.io": ["RuntimeClass"],
  "certificates.k8s.io": ["CertificateSigningRequest", "ClusterTrustBundle"],
  "flowcontrol.apiserver.k8s.io": ["FlowSchema", "PriorityLevelConfiguration"],
  "resource.k8s.io": ["DeviceClass"],
  "storagemigration.k8s.io": ["StorageVersionMigration"],
  policy: ["PodSecurityPolicy"],
};

/** True when `kind` of `apiVersion` is a built-in Kubernetes kind known to be cluster-scoped. */
export function isBuiltInClusterScoped(apiVersion: string, kind: string): boolean {
  return CLUSTER_SCOPED_KINDS[groupOf(apiVersion)]?.includes(kind) ?? false;
}
