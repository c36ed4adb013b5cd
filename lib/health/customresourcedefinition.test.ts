import { describe, it } from "vitest";
import { expectCase, type HealthCase } from "./testdata/cases";

const cases: HealthCase[] = [
  { name: "calls an Established CRD Healthy", fixture: "crd-established", status: "Healthy", message: "CRD is established" },
  {
    name: "calls a CRD whose names are refused Degraded with the conflict",
    fixture: "crd-names-conflict",
    status: "Degraded",
    message: 'CRD names have not been accepted: "WidgetList" is already in use',
  },
  {
    name: "calls a CRD with a non-structural schema Degraded",
    fixture: "crd-non-structural",
    status: "Degraded",
    message: "Schema violations found: spec.versions[0].schema.openAPIV3Schema.type: Required value: must not be empty at the root",
  },
  { name: "calls a CRD without conditions yet Progressing", fixture: "crd-new", status: "Progressing", message: "Status conditions not found" },
  {
    name: "calls a Terminating CRD Progressing and names the finalizer it waits on",
    fixture: "crd-terminating",
    status: "Progressing",
    message: "Pending deletion; waiting for finalizers: customresourcecleanup.apiextensions.k8s.io",
  },
];

describe("CustomResourceDefinition health", () => {
  it.each(cases)("$name", expectCase);
});
