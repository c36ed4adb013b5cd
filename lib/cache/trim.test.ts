import { describe, expect, it } from "vitest";
import { TRACKING_ANNOTATION, type KubeObject } from "@/lib/types";
import { trimForCache } from "./trim";

const managedFields = [{ manager: "kubectl", operation: "Update", fieldsV1: { "f:data": {} } }];
const tracking = { [TRACKING_ANNOTATION]: "shop:/ConfigMap:shop/settings" };

describe("trimForCache", () => {
  it("drops the managed fields of an object no app tracks and leaves the rest alone", () => {
    const service: KubeObject = { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "shop", managedFields }, spec: { ports: [{ port: 80 }] } };
    const trimmed = trimForCache(service);
    expect(trimmed).toEqual({ apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "shop" }, spec: { ports: [{ port: 80 }] } });
    expect(service.metadata.managedFields).toBe(managedFields);
  });

  it("keeps of an untracked EndpointSlice its metadata only", () => {
    const slice: KubeObject = { apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice", metadata: { name: "web-1", namespace: "shop", ownerReferences: [{ uid: "svc" }], managedFields }, addressType: "IPv4", endpoints: [{ addresses: ["10.0.0.1"] }], ports: [{ port: 80 }] };
    expect(trimForCache(slice)).toEqual({ apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice", metadata: { name: "web-1", namespace: "shop", ownerReferences: [{ uid: "svc" }] } });
  });

  it("keeps an object an app tracks whole, for comparison and drift attribution", () => {
    const tracked: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "shop", annotations: tracking, managedFields } };
    expect(trimForCache(tracked)).toBe(tracked);
    const pod: KubeObject = { apiVersion: "v1", kind: "Pod", metadata: { name: "job", namespace: "shop", annotations: { [TRACKING_ANNOTATION]: "shop:/Pod:shop/job" } }, spec: { volumes: [{ name: "v" }] } };
    expect(trimForCache(pod)).toBe(pod);
  });

  it("trims a ReplicaSet carrying the tracking annotation its Deployment's controller copied onto it", () => {
    const annotations = { [TRACKING_ANNOTATION]: "shop:apps/Deployment:shop/web", "deployment.kubernetes.io/revision": "1" };
    const rs: KubeObject = { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web-abc", namespace: "shop", annotations, managedFields }, spec: { replicas: 1, template: { spec: {} } } };
    expect(trimForCache(rs)).toEqual({ apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web-abc", namespace: "shop", annotations }, spec: { replicas: 1 } });
  });

  it("keeps of an untracked Pod its metadata, status, restart policy and containers' names and images", () => {
    const pod: KubeObject = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web-1", namespace: "shop", uid: "u1", ownerReferences: [{ uid: "rs" }], managedFields },
      spec: { restartPolicy: "Always", nodeName: "n1", volumes: [{ name: "token" }], tolerations: [{}], containers: [{ name: "web", image: "web:1", env: [{ name: "A", value: "b" }] }] },
      status: { phase: "Running", containerStatuses: [{ name: "web", ready: true }] },
    };
    expect(trimForCache(pod)).toEqual({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web-1", namespace: "shop", uid: "u1", ownerReferences: [{ uid: "rs" }] },
      spec: { restartPolicy: "Always", nodeName: "n1", containers: [{ name: "web", image: "web:1" }] },
      status: { phase: "Running", containerStatuses: [{ name: "web", ready: true }] },
    });
  });

  it("drops an untracked ReplicaSet's Pod template and keeps its replicas and status", () => {
    const rs: KubeObject = { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web-abc" }, spec: { replicas: 2, selector: {}, template: { spec: {} } }, status: { replicas: 2 } };
    expect(trimForCache(rs)).toEqual({ apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web-abc" }, spec: { replicas: 2, selector: {} }, status: { replicas: 2 } });
  });

  it("keeps of an Event what it is about and what it says, its message cut to 1,024 characters", () => {
    const event: KubeObject = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "web.1", namespace: "shop", uid: "e1", resourceVersion: "7", managedFields },
      involvedObject: { uid: "u1", kind: "Pod", name: "web-1", namespace: "shop", fieldPath: "spec.containers{web}" },
      reason: "Pulled",
      type: "Normal",
      message: "x".repeat(2000),
      count: 3,
      source: { component: "kubelet" },
      reportingComponent: "kubelet",
    };
    const trimmed = trimForCache(event);
    expect(trimmed).toMatchObject({ reason: "Pulled", type: "Normal", count: 3, involvedObject: { uid: "u1", kind: "Pod", name: "web-1", namespace: "shop" } });
    expect(trimmed.message).toHaveLength(1024);
    expect(trimmed).not.toHaveProperty("source");
    expect(trimmed.metadata).toEqual({ name: "web.1", namespace: "shop", uid: "e1", resourceVersion: "7", creationTimestamp: undefined });
  });
});
