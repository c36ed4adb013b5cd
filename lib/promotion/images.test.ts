import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/types";
import { formatImageReference, imagesKey, liveImagesOf, parseImageReference } from "./images";

const workload = (kind: string, name: string, images: string[], extra: Partial<KubeObject["metadata"]> = {}): KubeObject => {
  const podSpec = { containers: images.map((image, index) => ({ name: `c${index}`, image })) };
  const spec = kind === "CronJob" ? { jobTemplate: { spec: { template: { spec: podSpec } } } } : { template: { spec: podSpec } };
  return { apiVersion: "apps/v1", kind, metadata: { name, ...extra }, spec };
};

describe("parseImageReference", () => {
  it.each([
    ["nginx", { repository: "nginx" }],
    ["nginx:1.27", { repository: "nginx", tag: "1.27" }],
    ["localhost:5000/team/app:2", { repository: "localhost:5000/team/app", tag: "2" }],
    ["localhost:5000/team/app", { repository: "localhost:5000/team/app" }],
    [`registry.example.com/app@sha256:${"a".repeat(64)}`, { repository: "registry.example.com/app", digest: `sha256:${"a".repeat(64)}` }],
    [`app:1.0@sha256:${"b".repeat(64)}`, { repository: "app", tag: "1.0", digest: `sha256:${"b".repeat(64)}` }],
  ])("splits %s into repository, tag and digest", (reference, expected) => {
    expect(parseImageReference(reference)).toEqual(expected);
    expect(formatImageReference(parseImageReference(reference))).toBe(reference);
  });
});

describe("liveImagesOf", () => {
  it("collects the images of Deployments, StatefulSets, DaemonSets and CronJobs, each once, naming where they run", () => {
    const images = liveImagesOf([
      workload("Deployment", "web", ["registry.example.com/guestbook:1.1.0", "envoy:1.30"]),
      workload("StatefulSet", "db", ["postgres:16"]),
      workload("DaemonSet", "agent", ["envoy:1.30"]),
      workload("CronJob", "report", ["registry.example.com/report:3"]),
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings" } },
    ]);
    expect(images.map((image) => image.reference)).toEqual(["envoy:1.30", "postgres:16", "registry.example.com/guestbook:1.1.0", "registry.example.com/report:3"]);
    expect(images.find((image) => image.reference === "envoy:1.30")?.containers).toEqual(["Deployment/web:c1", "DaemonSet/agent:c0"]);
  });

  it("skips workloads a controller owns, whose owner says what runs", () => {
    const job = workload("Job", "report-1", ["registry.example.com/report:2"], { ownerReferences: [{ kind: "CronJob", name: "report", controller: true }] });
    expect(liveImagesOf([job])).toEqual([]);
  });
});

describe("imagesKey", () => {
  it("is the same for the same images in any order and differs when a version changes", () => {
    expect(imagesKey([{ reference: "b:1" }, { reference: "a:1" }])).toBe(imagesKey([{ reference: "a:1" }, { reference: "b:1" }, { reference: "a:1" }]));
    expect(imagesKey([{ reference: "a:1" }])).not.toBe(imagesKey([{ reference: "a:2" }]));
  });
});
