import { describe, expect, it } from "vitest";
import { keyOf, kindKeyOf, trackedAppOf, trackingIdOf, type KindRef, type KubeObject } from "./types";

const withAnnotation = (value?: string): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "ns", ...(value === undefined ? {} : { annotations: { "lockstep.dev/tracking-id": value } }) },
});

describe("trackedAppOf", () => {
  it("reads the app from the tracking annotation", () => {
    expect(trackedAppOf(withAnnotation("shop:apps/Deployment:ns/web"))).toBe("shop");
  });

  it("names no app for an object without the annotation or with a malformed one", () => {
    expect(trackedAppOf(withAnnotation())).toBeUndefined();
    expect(trackedAppOf(withAnnotation(":apps/Deployment:ns/web"))).toBeUndefined();
    expect(trackedAppOf(withAnnotation("no-colon"))).toBeUndefined();
  });

  it("names no app when the annotation names another object (a controller copied it from the owner)", () => {
    const rs: KubeObject = { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web-6b689986f", namespace: "ns", annotations: { "lockstep.dev/tracking-id": "shop:apps/Deployment:ns/web" } } };
    expect(trackedAppOf(rs)).toBeUndefined();
    expect(trackedAppOf({ ...withAnnotation("shop:apps/Deployment:ns/web"), metadata: { name: "web", namespace: "other", annotations: { "lockstep.dev/tracking-id": "shop:apps/Deployment:ns/web" } } })).toBeUndefined();
  });

  it("reads a core or cluster-scoped object's tracking annotation", () => {
    expect(trackedAppOf({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "ns", annotations: { "lockstep.dev/tracking-id": "shop:/ConfigMap:ns/c" } } })).toBe("shop");
    expect(trackedAppOf({ apiVersion: "v1", kind: "Namespace", metadata: { name: "ns", annotations: { "lockstep.dev/tracking-id": "shop:/Namespace:/ns" } } })).toBe("shop");
  });

  it("reads back the app of the id trackingIdOf writes", () => {
    const web = withAnnotation();
    const id = trackingIdOf("shop", keyOf(web));
    expect(id).toBe("shop:apps/Deployment:ns/web");
    expect(trackedAppOf(withAnnotation(id))).toBe("shop");
  });
});

describe("kindKeyOf", () => {
  const deployment: KindRef = { apiVersion: "apps/v1", kind: "Deployment" };

  it.each<{ name: string; a: KindRef; b: KindRef; same: boolean }>([
    { name: "the same kind twice", a: deployment, b: { apiVersion: "apps/v1", kind: "Deployment" }, same: true },
    { name: "a kind and a whole object of it", a: deployment, b: withAnnotation(), same: true },
    { name: "two versions of a group", a: deployment, b: { apiVersion: "apps/v1beta1", kind: "Deployment" }, same: false },
    { name: "one kind name in two groups", a: deployment, b: { apiVersion: "extensions/v1beta1", kind: "Deployment" }, same: false },
    { name: "two kinds of one version", a: { apiVersion: "v1", kind: "Pod" }, b: { apiVersion: "v1", kind: "Service" }, same: false },
  ])("gives $name the same key: $same", ({ a, b, same }) => {
    expect(kindKeyOf(a) === kindKeyOf(b)).toBe(same);
  });

  it("keys a map of kinds so each kind is found again by a new ref", () => {
    const byKind = new Map([[kindKeyOf(deployment), deployment]]);
    expect(byKind.get(kindKeyOf({ apiVersion: "apps/v1", kind: "Deployment" }))).toBe(deployment);
  });
});
