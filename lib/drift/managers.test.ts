import { describe, expect, it } from "vitest";
import type { FieldPath } from "@/lib/diff/field-path";
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

const WEB = ["spec", "template", "spec", "containers", { name: "web" }] as const;

describe("attributeChanges", () => {
  it.each<{ name: string; path: FieldPath; shown: string; manager: string | undefined }>([
    { name: "a container image set by kubectl set image", path: [...WEB, "image"], shown: "spec.template.spec.containers[name=web].image", manager: "kubectl-set" },
    {
      name: "a port chosen by name in the diff and by its key fields in managedFields",
      path: [...WEB, "ports", { name: "http" }, "containerPort"],
      shown: "spec.template.spec.containers[name=web].ports[name=http].containerPort",
      manager: "kubectl-edit",
    },
    { name: "a container chosen by list index", path: ["spec", "template", "spec", "containers", 0, "image"], shown: "spec.template.spec.containers[0].image", manager: "kubectl-set" },
    {
      name: "an annotation whose key holds dots and a slash",
      path: ["metadata", "annotations", "deployment.kubernetes.io/revision"],
      shown: 'metadata.annotations["deployment.kubernetes.io/revision"]',
      manager: "kube-controller-manager",
    },
    { name: "a field only Lockstep owns, as when Git changed it", path: ["spec", "selector"], shown: "spec.selector", manager: "lockstep" },
  ])("attributes $name", ({ path, shown, manager }) => {
    const [change] = attributeChanges(LIVE, [path]);
    expect(change?.path).toBe(shown);
    expect(change?.manager).toBe(manager);
  });

  it("names kubectl (through the scale subresource) for spec.replicas", () => {
    expect(attributeChanges(LIVE, [["spec", "replicas"]])).toEqual([{ path: "spec.replicas", manager: "kubectl", operation: "Update", subresource: "scale" }]);
  });

  it("names kubectl-set's time for a container image", () => {
    const [change] = attributeChanges(LIVE, [[...WEB, "image"]]);
    expect(change).toMatchObject({ manager: "kubectl-set", changedAt: "2026-11-26T04:26:30Z" });
  });

  it("names the writer of the parent for a field that is gone from the cluster, never Lockstep", () => {
    const [label] = attributeChanges(LIVE, [["spec", "template", "metadata", "labels", "tier"]]);
    expect(label?.manager).toBeUndefined();
    const [annotation] = attributeChanges(LIVE, [["metadata", "annotations", "other"]]);
    expect(annotation).toMatchObject({ path: "metadata.annotations.other", manager: "kube-controller-manager" });
  });

  it("gives no manager for an object without managedFields", () => {
    const bare: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } };
    expect(attributeChanges(bare, [["data", "a"]])).toEqual([{ path: "data.a" }]);
  });
});
