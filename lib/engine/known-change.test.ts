import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/types";
import { predictKnownChange } from "./known-change";

const deployment = (image: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "shop" },
  spec: { replicas: 1, template: { spec: { containers: [{ name: "web", image, env: [{ name: "LOG", value: "info" }], ...extra }] } } },
});

const live = (image: string): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "shop", uid: "u1", resourceVersion: "7" },
  spec: { replicas: 1, revisionHistoryLimit: 10, template: { spec: { containers: [{ name: "web", image, imagePullPolicy: "IfNotPresent", env: [{ name: "LOG", value: "info" }] }], restartPolicy: "Always" } } },
  status: { replicas: 1 },
});

describe("predictKnownChange", () => {
  it("answers the live object with the new image when only the image changed", () => {
    const predicted = predictKnownChange(deployment("web:1"), deployment("web:2"), live("web:1"));
    const expected = live("web:1");
    (expected.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!.image = "web:2";
    expect(predicted).toEqual(expected);
  });

  it("takes environment values, ConfigMap data, replicas and a Service's target port", () => {
    const cm = (value: string): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { "app.yaml": value } });
    expect(predictKnownChange(cm("a: 1"), cm("a: 2"), { ...cm("a: 1"), metadata: { name: "c", uid: "u" } })?.data).toEqual({ "app.yaml": "a: 2" });
    const svc = (port: number): KubeObject => ({ apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { ports: [{ name: "http", port: 80, targetPort: port }] } });
    const liveSvc: KubeObject = { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { clusterIP: "10.0.0.1", ports: [{ name: "http", port: 80, protocol: "TCP", targetPort: 8080 }] } };
    expect((predictKnownChange(svc(8080), svc(8081), liveSvc)?.spec as { ports: { targetPort: number; protocol: string }[] }).ports[0]).toEqual({ name: "http", port: 80, protocol: "TCP", targetPort: 8081 });
    const envChange = predictKnownChange(deployment("web:1"), { ...deployment("web:1"), spec: { replicas: 3, template: { spec: { containers: [{ name: "web", image: "web:1", env: [{ name: "LOG", value: "debug" }] }] } } } }, live("web:1"));
    expect((envChange?.spec as { replicas: number }).replicas).toBe(3);
  });

  it("leaves anything else to the dry run: added fields, other kinds of values, a live object that no longer holds the old value", () => {
    expect(predictKnownChange(deployment("web:1"), deployment("web:1", { args: ["--x"] }), live("web:1"))).toBeUndefined();
    expect(predictKnownChange(deployment("web:1", { imagePullPolicy: "Always" }), deployment("web:1", { imagePullPolicy: "Never" }), live("web:1"))).toBeUndefined();
    expect(predictKnownChange(deployment("web:1"), deployment("web:2"), live("web:0"))).toBeUndefined();
    expect(predictKnownChange(deployment("web:1"), deployment("web:1"), live("web:1"))).toBeUndefined();
    expect(predictKnownChange(deployment("web:1"), deployment(""), live("web:1")), "an empty image is the server's to refuse").toBeUndefined();
  });

  it("never changes the objects it is given", () => {
    const current = live("web:1");
    const copy = structuredClone(current);
    predictKnownChange(deployment("web:1"), deployment("web:2"), current);
    expect(current).toEqual(copy);
  });

  it("copies only what lies on the way to a changed value, and applies every change", () => {
    const current = live("web:1");
    const before = deployment("web:1");
    const after = deployment("web:2", {});
    (after.spec as { replicas: number }).replicas = 3;
    const predicted = predictKnownChange(before, after, current) as KubeObject & { spec: { replicas: number; template: { spec: { containers: { image: string; env: unknown }[]; restartPolicy: string } } }; status: unknown };
    const liveSpec = current.spec as typeof predicted.spec;
    expect(predicted.spec.replicas).toBe(3);
    expect(predicted.spec.template.spec.containers[0]?.image).toBe("web:2");
    expect(liveSpec.replicas).toBe(1);
    expect(liveSpec.template.spec.containers[0]?.image).toBe("web:1");
    expect(predicted.metadata).toBe(current.metadata);
    expect(predicted.status).toBe(current.status);
    expect(predicted.spec.template.spec.containers[0]?.env).toBe(liveSpec.template.spec.containers[0]?.env);
    expect(predicted.spec.template.spec.containers).not.toBe(liveSpec.template.spec.containers);
  });
});
