import { describe, expect, it } from "vitest";
import { TRACKING_ANNOTATION, type KubeObject } from "@/lib/types";
import { trimForCache } from "./trim";

const managedFields = [{ manager: "kubectl", operation: "Update", fieldsV1: { "f:data": {} } }];

describe("trimForCache", () => {
  it("drops the managed fields of an object no app tracks and leaves the rest alone", () => {
    const pod: KubeObject = { apiVersion: "v1", kind: "Pod", metadata: { name: "web-1", namespace: "shop", managedFields }, spec: { containers: [] } };
    const trimmed = trimForCache(pod);
    expect(trimmed).toEqual({ apiVersion: "v1", kind: "Pod", metadata: { name: "web-1", namespace: "shop" }, spec: { containers: [] } });
    expect(pod.metadata.managedFields).toBe(managedFields);
  });

  it("keeps the managed fields of an object an app tracks, for drift attribution", () => {
    const tracked: KubeObject = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "settings", namespace: "shop", annotations: { [TRACKING_ANNOTATION]: "shop:/ConfigMap:shop/settings" }, managedFields },
    };
    expect(trimForCache(tracked)).toBe(tracked);
  });
});
