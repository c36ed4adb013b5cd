import { describe, expect, it } from "vitest";

import { appSpecSchema, appUpdateSchema, fieldErrors } from "./spec";

const valid = { name: "guestbook", repoUrl: "http://127.0.0.1:9000/config.git", destNamespace: "guestbook" };

describe("an app's source block", () => {
  it("accepts a Helm source spelled as Argo CD spells it", () => {
    const source = {
      type: "Helm",
      helm: {
        releaseName: "shop",
        valueFiles: ["values-prod.yaml", "/shared/common.yaml"],
        values: "replicaCount: 2\n",
        parameters: [{ name: "image.tag", value: "1.2.3", forceString: true }],
        includeCrds: false,
        skipTests: true,
      },
    };
    expect(appSpecSchema.parse({ ...valid, source }).source).toEqual(source);
  });

  it("accepts inline values as an object, and a directory that recurses", () => {
    expect(appSpecSchema.parse({ ...valid, source: { helm: { values: { replicaCount: 2 } } } }).source?.helm?.values).toEqual({ replicaCount: 2 });
    expect(appSpecSchema.parse({ ...valid, source: { directory: { recurse: true } } }).source).toEqual({ directory: { recurse: true } });
  });

  it("leaves the source absent when the spec names none, and lets an update clear it with null", () => {
    expect(appSpecSchema.parse(valid).source).toBeUndefined();
    expect(appUpdateSchema.parse({ source: null }).source).toBeNull();
    expect(appUpdateSchema.parse({ automated: true }).source).toBeUndefined();
  });

  it.each([
    [{ type: "Jsonnet" }, "source.type", /one of Directory, Kustomize, Helm/],
    [{ helm: { valueFiles: ["https://example.com/values.yaml"] } }, "source.helm.valueFiles.0", /not URLs/],
    [{ helm: { valueFiles: ["../../etc/passwd"] } }, "source.helm.valueFiles.0", /'\.\.'/],
    [{ helm: { values: "- a\n- b\n" } }, "source.helm.values", /mapping/],
    [{ helm: { values: "key: [unclosed\n" } }, "source.helm.values", /mapping/],
    [{ helm: { parameters: [{ name: "a=b", value: "x" }] } }, "source.helm.parameters.0.name", /'='/],
    [{ helm: { parameters: [{ name: "replicas", value: 3 }] } }, "source.helm.parameters.0.value", /a string/],
    [{ helm: { releaseName: "Shop_1" } }, "source.helm.releaseName", /lowercase/],
    [{ helm: { postRenderer: "evil" } }, "source.helm", /Unknown Helm option: postRenderer/],
    [{ type: "Kustomize", helm: { skipTests: true } }, "source.helm", /source type is not Helm/],
    [{ kustomize: {} }, "source", /Unknown source field: kustomize/],
  ])("refuses %o with one clear sentence on the field", (source, field, message) => {
    const result = appSpecSchema.safeParse({ ...valid, source });
    expect(result.success).toBe(false);
    if (result.success) return;
    const errors = fieldErrors(result.error);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.field).toBe(field);
    expect(errors[0]?.message).toMatch(message);
  });
});
