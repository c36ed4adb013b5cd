import { describe, expect, it } from "vitest";
import { flattenValues, mergeParams, normalizeName, pathParams } from "./params";

describe("generator values", () => {
  it("gives a directory's path, basename, normalized basename and each segment", () => {
    expect(pathParams("services/guestbook/overlays/dev", { isFile: false })).toEqual({
      path: "services/guestbook/overlays/dev",
      "path.basename": "dev",
      "path.basenameNormalized": "dev",
      "path[0]": "services",
      "path[1]": "guestbook",
      "path[2]": "overlays",
      "path[3]": "dev",
    });
  });

  it("gives a file's directory as its path, plus its file name", () => {
    const params = pathParams("envs/Prod_EU/config.yaml", { isFile: true });
    expect(params.path).toBe("envs/Prod_EU");
    expect(params["path.basenameNormalized"]).toBe("prod-eu");
    expect(params["path.filename"]).toBe("config.yaml");
    expect(params["path[1]"]).toBe("Prod_EU");
  });

  it("prefixes every path key with pathParamPrefix", () => {
    expect(Object.keys(pathParams("a/b", { isFile: false, prefix: "svc" }))).toEqual(["svc.path", "svc.path.basename", "svc.path.basenameNormalized", "svc.path[0]", "svc.path[1]"]);
  });

  it("normalizes names as Argo CD does: lowercase, other characters become dashes", () => {
    expect(normalizeName("My_Service v2")).toBe("my-service-v2");
  });

  it("flattens nested keys with dots and indexes arrays", () => {
    expect(flattenValues({ cluster: { name: "eu", replicas: 3 }, tags: ["a", "b"], off: false, none: null })).toEqual({
      "cluster.name": "eu",
      "cluster.replicas": "3",
      "tags.0": "a",
      "tags.1": "b",
      off: "false",
      none: "",
    });
  });

  it("merges two value sets and refuses a key the two give differently", () => {
    expect(mergeParams({ a: "1" }, { b: "2", a: "1" })).toEqual({ a: "1", b: "2" });
    expect(() => mergeParams({ path: "x" }, { path: "y" })).toThrow('Both generators of the matrix give "path" ("x" and "y"); give one of them a pathParamPrefix.');
  });
});
