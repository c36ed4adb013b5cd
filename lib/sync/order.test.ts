import { describe, expect, it } from "vitest";
import { SYNC_WAVE_ANNOTATION, type KubeObject } from "@/lib/types";
import { orderForPrune, orderForSync, applyTierOf, syncSteps, syncWaveOf } from "./order";

const CLUSTER_SCOPED = new Set(["Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "StorageClass", "Widget"]);
const options = { isNamespaced: (obj: KubeObject) => !CLUSTER_SCOPED.has(obj.kind) };

function object(apiVersion: string, kind: string, name: string, wave?: string): KubeObject {
  const annotations = wave === undefined ? undefined : { [SYNC_WAVE_ANNOTATION]: wave };
  return { apiVersion, kind, metadata: { name, ...(annotations ? { annotations } : {}) } };
}

const subject = (obj: KubeObject) => `${obj.kind}/${obj.metadata.name}`;

describe("applyTierOf", () => {
  it.each([
    { obj: object("v1", "Namespace", "shop"), tier: "Namespaces" },
    { obj: object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com"), tier: "CustomResourceDefinitions" },
    { obj: object("rbac.authorization.k8s.io/v1", "ClusterRole", "reader"), tier: "ClusterScoped" },
    { obj: object("example.com/v1", "Widget", "global"), tier: "ClusterScoped" },
    { obj: object("apps/v1", "Deployment", "web"), tier: "Namespaced" },
    { obj: object("example.com/v1", "Namespace", "not-core"), tier: "Namespaced" },
  ])("puts $obj.kind $obj.metadata.name in tier $tier", ({ obj, tier }) => {
    const isNamespaced = (o: KubeObject) => o.apiVersion === "example.com/v1" && o.kind === "Namespace" ? true : options.isNamespaced(o);
    expect(applyTierOf(obj, { isNamespaced })).toBe(tier);
  });
});

describe("syncWaveOf", () => {
  it.each([
    { value: undefined, wave: 0 },
    { value: "3", wave: 3 },
    { value: "-2", wave: -2 },
    { value: "+4", wave: 4 },
    { value: " 5 ", wave: 5 },
    { value: "1.5", wave: 0 },
    { value: "soon", wave: 0 },
    { value: "", wave: 0 },
    { value: "99999999999999999999", wave: 0 },
  ])("reads $value as wave $wave", ({ value, wave }) => {
    expect(syncWaveOf(object("v1", "ConfigMap", "c", value))).toBe(wave);
  });
});

describe("orderForSync", () => {
  it.each([
    {
      name: "applies Namespaces, then CRDs, then cluster-scoped, then namespaced objects",
      objects: [
        object("apps/v1", "Deployment", "web"),
        object("rbac.authorization.k8s.io/v1", "ClusterRole", "reader"),
        object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com"),
        object("v1", "Namespace", "shop"),
      ],
      expected: ["Namespace/shop", "CustomResourceDefinition/widgets.example.com", "ClusterRole/reader", "Deployment/web"],
    },
    {
      name: "orders namespaced kinds as Helm and Argo CD install them",
      objects: [
        object("networking.k8s.io/v1", "Ingress", "web"),
        object("batch/v1", "CronJob", "nightly"),
        object("batch/v1", "Job", "migrate"),
        object("apps/v1", "DaemonSet", "agent"),
        object("apps/v1", "StatefulSet", "db"),
        object("apps/v1", "Deployment", "web"),
        object("v1", "Service", "web"),
        object("rbac.authorization.k8s.io/v1", "RoleBinding", "web"),
        object("rbac.authorization.k8s.io/v1", "Role", "web"),
        object("v1", "PersistentVolumeClaim", "data"),
        object("v1", "ConfigMap", "settings"),
        object("v1", "Secret", "db"),
        object("v1", "ServiceAccount", "web"),
      ],
      expected: [
        "ServiceAccount/web",
        "Secret/db",
        "ConfigMap/settings",
        "PersistentVolumeClaim/data",
        "Role/web",
        "RoleBinding/web",
        "Service/web",
        "Deployment/web",
        "StatefulSet/db",
        "DaemonSet/agent",
        "Job/migrate",
        "CronJob/nightly",
        "Ingress/web",
      ],
    },
    {
      name: "orders by sync wave, before kind",
      objects: [
        object("v1", "ConfigMap", "late", "1"),
        object("apps/v1", "Deployment", "early", "-1"),
        object("v1", "ConfigMap", "bad-wave", "x"),
        object("v1", "Secret", "default"),
      ],
      expected: ["Deployment/early", "Secret/default", "ConfigMap/bad-wave", "ConfigMap/late"],
    },
    {
      name: "orders by wave before tier, as Argo CD does",
      objects: [object("apps/v1", "Deployment", "first", "-10"), object("v1", "Namespace", "shop", "10"), object("v1", "Namespace", "early", "-10")],
      expected: ["Namespace/early", "Deployment/first", "Namespace/shop"],
    },
    {
      name: "puts unknown kinds after known ones, alphabetically, then orders by name",
      objects: [
        object("example.com/v1", "Widget", "b"),
        object("example.com/v1", "Gadget", "a"),
        object("apps/v1", "Deployment", "web"),
        object("example.com/v1", "Gadget", "0"),
      ],
      expected: ["Widget/b", "Deployment/web", "Gadget/0", "Gadget/a"],
    },
  ])("$name", ({ objects, expected }) => {
    expect(orderForSync(objects, options).map(subject)).toEqual(expected);
  });

  it("leaves its input in place", () => {
    const objects = [object("apps/v1", "Deployment", "web"), object("v1", "Namespace", "shop")];
    orderForSync(objects, options);
    expect(objects.map(subject)).toEqual(["Deployment/web", "Namespace/shop"]);
  });
});

describe("orderForPrune", () => {
  it("deletes in the reverse of the sync order", () => {
    const objects = [
      object("v1", "Namespace", "shop"),
      object("apps/v1", "Deployment", "web"),
      object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com"),
      object("v1", "Service", "web"),
    ];
    expect(orderForPrune(objects, options).map(subject)).toEqual([
      "Deployment/web",
      "Service/web",
      "CustomResourceDefinition/widgets.example.com",
      "Namespace/shop",
    ]);
  });
});

describe("syncSteps", () => {
  it("cuts the sync order into one step per tier, wave and kind, keeping the order", () => {
    const objects = [
      object("apps/v1", "Deployment", "web"),
      object("v1", "ConfigMap", "b"),
      object("apps/v1", "Deployment", "api"),
      object("v1", "ConfigMap", "a"),
      object("v1", "Namespace", "shop"),
      object("v1", "ConfigMap", "late", "1"),
      object("v1", "Service", "web"),
    ];
    expect(syncSteps(objects, options).map((step) => step.map(subject))).toEqual([
      ["Namespace/shop"],
      ["ConfigMap/a", "ConfigMap/b"],
      ["Service/web"],
      ["Deployment/api", "Deployment/web"],
      ["ConfigMap/late"],
    ]);
  });

  it("has no step for no objects", () => {
    expect(syncSteps([], options)).toEqual([]);
  });
});
