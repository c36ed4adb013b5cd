import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { nameGeneratedObjects, restoreGeneratedNames } from "./generate-name";

describe("nameGeneratedObjects", () => {
  it("names each generateName-only object after its prefix and marks it, leaving the others", () => {
    const text = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n  generateName: ignored-\n";
    const named = parseAllDocuments(nameGeneratedObjects(text) ?? "");
    const values = (Array.isArray(named) ? named : []).map((d) => d.toJS() as { metadata: Record<string, unknown> });
    expect(values.map((v) => v.metadata.name)).toEqual(["migrate-", "plain"]);
    expect(values[0]?.metadata.annotations).toEqual({ "lockstep.dev/generated-name": "true" });
    expect(values[1]?.metadata.annotations).toBeUndefined();
  });

  it("leaves files without such objects alone", () => {
    expect(nameGeneratedObjects("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n")).toBeUndefined();
  });
});

describe("restoreGeneratedNames", () => {
  const marked = (annotations: Record<string, string>) => ({
    source: "kustomize build .",
    object: { apiVersion: "batch/v1", kind: "Job", metadata: { name: "staging-migrate-", annotations: { "lockstep.dev/generated-name": "true", ...annotations } } },
  });

  it("turns the name kustomize built into the hook's generateName and drops the mark", () => {
    const [restored] = restoreGeneratedNames([marked({ "argocd.argoproj.io/hook": "PreSync" })]);
    expect(restored?.object.metadata).toEqual({ name: "staging-migrate-", generateName: "staging-migrate-", annotations: { "argocd.argoproj.io/hook": "PreSync" } });
  });

  it("refuses generateName on an object that is not a hook", () => {
    expect(() => restoreGeneratedNames([marked({})])).toThrow("Job staging-migrate-... uses metadata.generateName, which only hooks may use; give it a metadata.name");
  });
});
