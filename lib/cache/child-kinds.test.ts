import { describe, expect, it } from "vitest";
import { withChildKinds } from "./child-kinds";

describe("withChildKinds", () => {
  const names = (refs: { kind: string }[]) => refs.map((r) => r.kind).sort();

  it("adds ReplicaSets and Pods below a Deployment", () => {
    expect(names(withChildKinds([{ apiVersion: "apps/v1", kind: "Deployment" }]))).toEqual(["Deployment", "Pod", "ReplicaSet"]);
  });

  it("adds Jobs and Pods below a CronJob and EndpointSlices below a Service, once each", () => {
    const kinds = withChildKinds([
      { apiVersion: "batch/v1", kind: "CronJob" },
      { apiVersion: "batch/v1", kind: "Job" },
      { apiVersion: "v1", kind: "Service" },
    ]);
    expect(names(kinds)).toEqual(["CronJob", "EndpointSlice", "Job", "Pod", "Service"]);
  });

  it("lists a kind once when given as a ref and as a whole object", () => {
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "web-1" } };
    expect(withChildKinds([{ apiVersion: "v1", kind: "Pod" }, pod])).toHaveLength(1);
  });

  it("adds nothing to a kind without controllers below it", () => {
    expect(names(withChildKinds([{ apiVersion: "v1", kind: "ConfigMap" }]))).toEqual(["ConfigMap"]);
  });
});
