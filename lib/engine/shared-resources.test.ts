import { describe, expect, it } from "vitest";
import { DeclaredResources, sharedResourceMessage } from "./shared-resources";

describe("DeclaredResources", () => {
  it("answers the other apps declaring an object on the same cluster", () => {
    const declared = new DeclaredResources();
    expect(declared.record("web", "local", ["ConfigMap/demo/a", "ConfigMap/demo/b"])).toEqual(new Map());
    expect(declared.record("billing", "local", ["ConfigMap/demo/b"])).toEqual(new Map([["ConfigMap/demo/b", ["web"]]]));
    expect(declared.record("web", "local", ["ConfigMap/demo/a", "ConfigMap/demo/b"])).toEqual(new Map([["ConfigMap/demo/b", ["billing"]]]));
  });

  it("does not count the same subject on another cluster, nor what an app no longer declares", () => {
    const declared = new DeclaredResources();
    declared.record("web", "local", ["ConfigMap/demo/a"]);
    expect(declared.record("other", "staging", ["ConfigMap/demo/a"])).toEqual(new Map());
    declared.record("web", "local", []);
    expect(declared.record("billing", "local", ["ConfigMap/demo/a"])).toEqual(new Map());
    declared.forget("billing");
    expect(declared.record("web", "local", ["ConfigMap/demo/a"])).toEqual(new Map());
  });

  it("says who else declares it", () => {
    expect(sharedResourceMessage("ConfigMap/demo/b", ["billing", "web"])).toBe("ConfigMap/demo/b is also declared by apps billing, web; only the app that owns it may change it.");
  });
});

describe("DeclaredResources.newlySharedWith", () => {
  it("names an app that began sharing once, then no more", () => {
    const declared = new DeclaredResources();
    declared.record("web", "local", ["ConfigMap/demo/a"]);
    declared.record("billing", "local", ["ConfigMap/demo/a"]);
    expect(declared.newlySharedWith("billing")).toEqual(["web"]);
    declared.record("web", "local", ["ConfigMap/demo/a"]);
    expect(declared.newlySharedWith("web")).toEqual(["billing"]);
    declared.record("billing", "local", ["ConfigMap/demo/a"]);
    expect(declared.newlySharedWith("billing")).toEqual([]);
  });
});
