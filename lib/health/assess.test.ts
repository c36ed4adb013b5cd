import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/types";
import { assessHealth, missingHealth } from "./assess";
import { healthCheckFor } from "./dispatch";
import { fixture } from "./testdata/load";

const configMap: KubeObject = {
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "web-config", namespace: "shop", uid: "5b0c8f3e-1d2a-4c6b-9e7f-0a1b2c3d4e5f", resourceVersion: "812" },
  data: { LOG_LEVEL: "info" },
};

function withStatus(name: string, status: unknown): KubeObject {
  return { ...fixture(name), status } as KubeObject;
}

describe("assessHealth", () => {
  it("calls a kind without a check Healthy once it exists", () => {
    expect(assessHealth(configMap)).toEqual({ status: "Healthy", message: "" });
  });

  it("calls a custom resource Healthy once it exists", () => {
    const widget: KubeObject = { apiVersion: "hfx.example.com/v1", kind: "Widget", metadata: { name: "held", namespace: "shop" }, status: { phase: "Failed" } };
    expect(assessHealth(widget)).toEqual({ status: "Healthy", message: "" });
  });

  it("matches kinds with their group, so a Deployment of another API group gets no check", () => {
    const foreign = { ...fixture("deployment-progress-deadline-exceeded"), apiVersion: "example.com/v1" };
    expect(assessHealth(foreign)).toEqual({ status: "Healthy", message: "" });
    expect(assessHealth(fixture("deployment-progress-deadline-exceeded")).status).toBe("Degraded");
  });

  it("checks the extensions group's old Deployments as apps/v1 ones", () => {
    const old = { ...fixture("deployment-progress-deadline-exceeded"), apiVersion: "extensions/v1beta1" };
    expect(assessHealth(old).status).toBe("Degraded");
  });

  it("calls an object being deleted Progressing whatever its kind says", () => {
    const deleting = fixture("pod-crash-loop-backoff");
    deleting.metadata.deletionTimestamp = "2026-11-26T04:40:00Z";
    expect(assessHealth(deleting)).toEqual({ status: "Progressing", message: "Pending deletion" });
  });

  it("reports Unknown with the field at fault instead of throwing when a check meets a field of the wrong type", () => {
    const malformed = withStatus("deployment-healthy", { observedGeneration: 1, replicas: "two", updatedReplicas: 2, availableReplicas: 2 });
    expect(assessHealth(malformed)).toEqual({
      status: "Unknown",
      message: 'Cannot assess the health of Deployment "web": status.replicas is "two", not a number.',
    });
  });

  it("reports Unknown when conditions are not a list of objects", () => {
    expect(assessHealth(withStatus("job-complete", { conditions: "Complete" }))).toEqual({
      status: "Unknown",
      message: 'Cannot assess the health of Job "migrate": status.conditions is "Complete", not a list.',
    });
    expect(assessHealth(withStatus("crd-established", { conditions: [{ status: "True" }] }))).toEqual({
      status: "Unknown",
      message: 'Cannot assess the health of CustomResourceDefinition "widgets.hfx.example.com": status.conditions[0] has no type.',
    });
  });

  it("reports Unknown when a path runs through something that is not an object", () => {
    expect(assessHealth(withStatus("pod-running-ready", "Running"))).toEqual({
      status: "Unknown",
      message: 'Cannot assess the health of Pod "web-8c96c8dfc-nvqf9": status is "Running", not an object.',
    });
  });

  it("reads null fields as absent, as the API server writes them", () => {
    expect(assessHealth(withStatus("pvc-pending", { phase: "Pending", conditions: null }))).toEqual({
      status: "Progressing",
      message: "Waiting for a volume to be bound",
    });
  });

  it("keeps every message on one line and cuts very long ones", () => {
    const pod = fixture("pod-failed-exit-code");
    const status = pod.status as { message?: string };
    status.message = `first line\n\n   second line\r\n${"x".repeat(2000)}`;
    const { message } = assessHealth(pod);
    expect(message.startsWith("first line second line xxx")).toBe(true);
    expect(message).not.toMatch(/[\r\n]/);
    expect(message).toHaveLength(500);
    expect(message.endsWith("...")).toBe(true);
  });

  it("leaves out a malformed child Pod rather than spoiling its parent's verdict", () => {
    const broken = withStatus("pod-image-pull-backoff", { containerStatuses: "waiting" });
    const health = assessHealth(fixture("deployment-unavailable"), { children: [broken, fixture("pod-running-not-ready")] });
    expect(health).toEqual({
      status: "Progressing",
      message: "Waiting for rollout to finish: 1 of 2 updated replicas are available... (pod web-8c96c8dfc-h7v2k: containers with unready status: [web])",
    });
  });
});

describe("missingHealth", () => {
  it("says an object Git wants is not found in the cluster", () => {
    expect(missingHealth()).toEqual({ status: "Missing", message: "Not found in the cluster" });
  });
});

describe("healthCheckFor", () => {
  it.each([
    { apiVersion: "apps/v1", kind: "Deployment" },
    { apiVersion: "v1", kind: "Pod" },
    { apiVersion: "batch/v1", kind: "CronJob" },
    { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler" },
    { apiVersion: "networking.k8s.io/v1", kind: "Ingress" },
    { apiVersion: "apiregistration.k8s.io/v1", kind: "APIService" },
    { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition" },
  ])("has a check for $kind in $apiVersion", (kind) => {
    expect(healthCheckFor(kind)).toBeTypeOf("function");
  });

  it.each([
    { apiVersion: "v1", kind: "ConfigMap" },
    { apiVersion: "v1", kind: "Secret" },
    { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role" },
    { apiVersion: "example.com/v1", kind: "Deployment" },
  ])("has no check for $kind in $apiVersion", (kind) => {
    expect(healthCheckFor(kind)).toBeUndefined();
  });
});
