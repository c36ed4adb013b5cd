import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/types";
import { attributeChanges } from "./managers";

/** A Deployment as the API returned it after `kubectl scale --replicas=3` and `kubectl set image` (kubectl 1.37). */
const LIVE: KubeObject = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "web",
    namespace: "shop",
    managedFields: [
      {
        apiVersion: "apps/v1",
        fieldsType: "FieldsV1",
        fieldsV1: { "f:spec": { "f:selector": {}, "f:template": { "f:metadata": { "f:labels": { "f:app": {} } }, "f:spec": { "f:containers": { 'k:{"name":"web"}': { ".": {}, "f:name": {} } } } } } },
        manager: "lockstep",
        operation: "Apply",
        time: "2026-11-26T04:26:28Z",
      },
      { apiVersion: "apps/v1", fieldsType: "FieldsV1", fieldsV1: { "f:spec": { "f:replicas": {} } }, manager: "kubectl", operation: "Update", subresource: "scale" },
      {
        apiVersion: "apps/v1",
        fieldsType: "FieldsV1",
        fieldsV1: { "f:spec": { "f:template": { "f:spec": { "f:containers": { 'k:{"name":"web"}': { "f:image": {} } } } } } },
        manager: "kubectl-set",
        operation: "Update",
        time: "2026-11-26T04:26:30Z",
      },
      {
        apiVersion: "apps/v1",
        fieldsType: "FieldsV1",
        fieldsV1: { "f:metadata": { "f:annotations": { ".": {}, "f:deployment.kubernetes.io/revision": {} } }, "f:status": { "f:replicas": {} } },
        manager: "kube-controller-manager",
        operation: "Update",
        subresource: "status",
        time: "2026-11-26T04:26:31Z",
      },
      {
        apiVersion: "apps/v1",
        fieldsType: "FieldsV1",
        fieldsV1: { "f:spec": { "f:template": { "f:spec": { "f:containers": { 'k:{"name":"web"}': { "f:ports": { 'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {} } } } } } } } },
        manager: "kubectl-edit",
        operation: "Update",
        time: "2026-11-26T04:27:00Z",
      },
    ],
  },
  spec: {
    replicas: 3,
    template: { spec: { containers: [{ name: "web", image: "nginx:1.28", ports: [{ name: "http", containerPort: 80, protocol: "TCP" }] }] } },
  },
};

describe("attributeChanges", () => {
  it("names kubectl (through the scale subresource) for spec.replicas", () => {
    expect(attributeChanges(LIVE, ["spec.replicas"])).toEqual([{ path: "spec.replicas", manager: "kubectl", operation: "Update", subresource: "scale" }]);
  });

  it("names kubectl-set and its time for a container image", () => {
    const [change] = attributeChanges(LIVE, ["spec.template.spec.containers[name=web].image"]);
    expect(change).toMatchObject({ manager: "kubectl-set", changedAt: "2026-11-26T04:26:30Z" });
  });

  it("matches a port listed by name in the diff to its key fields in managedFields", () => {
    const [change] = attributeChanges(LIVE, ["spec.template.spec.containers[name=web].ports[name=http].containerPort"]);
    expect(change?.manager).toBe("kubectl-edit");
  });

  it("names the writer of the parent for a field that is gone from the cluster, never Lockstep", () => {
    const [label] = attributeChanges(LIVE, ["spec.template.metadata.labels.tier"]);
    expect(label?.manager).toBeUndefined();
    const [annotation] = attributeChanges(LIVE, ['metadata.annotations["other"]']);
    expect(annotation?.manager).toBe("kube-controller-manager");
  });

  it("names Lockstep when only Lockstep owns the field, as when Git changed it", () => {
    expect(attributeChanges(LIVE, ["spec.selector"])[0]?.manager).toBe("lockstep");
  });

  it("gives no manager for an object without managedFields or a path it cannot read", () => {
    const bare: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } };
    expect(attributeChanges(bare, ["data.a"])).toEqual([{ path: "data.a" }]);
    expect(attributeChanges(LIVE, ["spec..x"])).toEqual([{ path: "spec..x" }]);
  });
});
