import { describe, expect, it } from "vitest";
import { appSpecSchema, appUpdateSchema, fieldErrors } from "./spec";

const valid = { name: "guestbook", repoUrl: "http://127.0.0.1:9000/config.git", destNamespace: "guestbook" };

function errorsOf(ignoreDifferences: unknown) {
  const result = appSpecSchema.safeParse({ ...valid, ignoreDifferences });
  return result.success ? [] : fieldErrors(result.error);
}

describe("an app spec's ignoreDifferences", () => {
  it("accepts rules spelled as in Argo CD", () => {
    const rules = [
      { group: "apps", kind: "Deployment", jsonPointers: ["/spec/replicas"] },
      { kind: "ConfigMap", name: "settings", namespace: "guestbook", jqPathExpressions: ['.data["generated.at"]'] },
      { group: "admissionregistration.k8s.io", kind: "MutatingWebhookConfiguration", managedFieldsManagers: ["cainjector"] },
    ];
    expect(appSpecSchema.parse({ ...valid, ignoreDifferences: rules }).ignoreDifferences).toEqual(rules);
  });

  it("is absent when not given, and an update without it leaves it out", () => {
    expect(appSpecSchema.parse(valid).ignoreDifferences).toBeUndefined();
    expect(appUpdateSchema.parse({ automated: true })).not.toHaveProperty("ignoreDifferences");
  });

  it("refuses a bad JSON pointer, naming it and its place", () => {
    const errors = errorsOf([{ group: "apps", kind: "Deployment", jsonPointers: ["/spec/replicas", "spec/paused"] }]);
    expect(errors).toEqual([{ field: "ignoreDifferences.0.jsonPointers.1", message: expect.stringContaining('JSON pointer "spec/paused" must start with "/"') }]);
  });

  it("refuses an unsupported jq expression, saying what is supported", () => {
    const errors = errorsOf([{ kind: "ConfigMap", jqPathExpressions: [".data | to_entries"] }]);
    expect(errors.map((e) => e.field)).toEqual(["ignoreDifferences.0.jqPathExpressions.0"]);
    expect(errors[0]?.message).toMatch(/^JQ path expression "\.data \| to_entries" is not supported .*select\(\.field == value\)/);
  });

  it("refuses a rule that names no field", () => {
    expect(errorsOf([{ kind: "Service" }])).toEqual([
      { field: "ignoreDifferences.0", message: "The ignoreDifferences rule for Service names no field: give jsonPointers, jqPathExpressions or managedFieldsManagers." },
    ]);
  });

  it("refuses a misspelt key rather than ignoring nothing", () => {
    expect(errorsOf([{ kind: "Service", jsonPointer: ["/spec/x"], jsonPointers: ["/spec/y"] }]).map((e) => e.message)).toEqual([expect.stringContaining("jsonPointer")]);
  });

  it("refuses a rule without a kind or with an odd one, and empty manager names", () => {
    expect(errorsOf([{ jsonPointers: ["/a"] }]).map((e) => e.field)).toEqual(["ignoreDifferences.0.kind"]);
    expect(errorsOf([{ kind: "Deploy ment", jsonPointers: ["/a"] }]).map((e) => e.field)).toEqual(["ignoreDifferences.0.kind"]);
    expect(errorsOf([{ kind: "Deployment", managedFieldsManagers: [""] }]).map((e) => e.field)).toEqual(["ignoreDifferences.0.managedFieldsManagers.0"]);
  });

  it("is validated on update too", () => {
    const result = appUpdateSchema.safeParse({ ignoreDifferences: [{ kind: "Deployment", jsonPointers: ["/spec/~2"] }] });
    expect(result.success).toBe(false);
  });
});
