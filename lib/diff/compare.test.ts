import { describe, expect, it } from "vitest";
import { keyOf, type KubeObject } from "@/lib/types";
import { compareResource, diffTextOf, summarizeSync, type ResourceDiff } from "./compare";
import { containsSecretValue } from "./mask";
import {
  DESIRED_DEPLOYMENT,
  LIVE_DEPLOYMENT,
  LIVE_DEPLOYMENT_CURRENT,
  PREDICTED_DEPLOYMENT_NEW_IMAGE,
  PREDICTED_DEPLOYMENT_UNCHANGED,
} from "./testdata/deployment";
import { parseObject } from "./testdata/parse";
import { DESIRED_SECRET, LIVE_SECRET, PLANTED_VALUE, PREDICTED_SECRET } from "./testdata/secret";
import { DESIRED_SERVICE, LIVE_ORPHAN_SERVICE } from "./testdata/service";

const compare = (fixtures: { desired?: string; predicted?: string; live?: string; dryRunError?: string }) => {
  const desired = fixtures.desired ? parseObject(fixtures.desired) : undefined;
  const live = fixtures.live ? parseObject(fixtures.live) : undefined;
  const key = keyOf((desired ?? live) as KubeObject);
  return compareResource({
    key,
    desired,
    live,
    predicted: fixtures.predicted ? parseObject(fixtures.predicted) : undefined,
    dryRunError: fixtures.dryRunError,
  });
};

describe("compareResource on a Deployment", () => {
  it("is Synced when the dry-run result carries the same defaults as live", () => {
    const result = compare({ desired: DESIRED_DEPLOYMENT, predicted: PREDICTED_DEPLOYMENT_UNCHANGED, live: LIVE_DEPLOYMENT_CURRENT });
    expect(result).toMatchObject({ status: "Synced", state: "synced", changedFields: [], requiresPruning: false });
    expect(diffTextOf(result)).toBe("");
    expect(result.subject).toBe("Deployment.apps/shop/web");
  });

  it("names the changed image by container name and shows both images in the diff", () => {
    const result = compare({ desired: DESIRED_DEPLOYMENT, predicted: PREDICTED_DEPLOYMENT_NEW_IMAGE, live: LIVE_DEPLOYMENT });
    expect(result).toMatchObject({ status: "OutOfSync", state: "modified", requiresPruning: false });
    expect(result.changedFields).toEqual([["spec", "template", "spec", "containers", { name: "web" }, "image"]]);
    expect(diffTextOf(result)).toContain("--- live/Deployment.apps/shop/web");
    expect(diffTextOf(result)).toContain("+++ desired/Deployment.apps/shop/web");
    expect(diffTextOf(result)).toMatch(/^- +- image: nginx:1\.25$/m);
    expect(diffTextOf(result)).toMatch(/^\+ +- image: nginx:1\.27$/m);
  });

  it("keeps server-owned fields out of the diff", () => {
    const result = compare({ desired: DESIRED_DEPLOYMENT, predicted: PREDICTED_DEPLOYMENT_NEW_IMAGE, live: LIVE_DEPLOYMENT });
    for (const noise of ["managedFields", "resourceVersion", "generation", "status:", "deployment.kubernetes.io/revision"]) {
      expect(diffTextOf(result)).not.toContain(noise);
    }
    expect(result.live?.status).toBeUndefined();
    expect(result.target?.metadata.managedFields).toBeUndefined();
  });

  it("falls back to desired laid over live when the dry run failed, and keeps the error", () => {
    const result = compare({ desired: DESIRED_DEPLOYMENT, live: LIVE_DEPLOYMENT, dryRunError: "admission webhook timed out" });
    expect(result).toMatchObject({ status: "OutOfSync", state: "modified", dryRunError: "admission webhook timed out" });
    expect(result.changedFields).toEqual([["spec", "template", "spec", "containers", { name: "web" }, "image"]]);
  });

  it("finds no drift in the fallback when live already holds every desired field", () => {
    const result = compare({ desired: DESIRED_DEPLOYMENT, live: LIVE_DEPLOYMENT_CURRENT, dryRunError: "webhook timed out" });
    expect(result).toMatchObject({ status: "Synced", state: "synced", dryRunError: "webhook timed out" });
  });
});

describe("compareResource on a Secret", () => {
  const desired = parseObject(DESIRED_SECRET);
  const live = parseObject(LIVE_SECRET);
  const leaks = (result: ResourceDiff) => {
    const output = JSON.stringify(result);
    return [
      output.includes(PLANTED_VALUE),
      output.includes("czNjcjN0LXBsYW50ZWQtdmFsdWU="),
      output.includes("old-password"),
      output.includes("b2xkLXBhc3N3b3Jk"),
      containsSecretValue(output, desired),
      containsSecretValue(output, live),
      containsSecretValue(output, parseObject(PREDICTED_SECRET)),
    ];
  };

  it("shows which key changed without revealing any value", () => {
    const result = compare({ desired: DESIRED_SECRET, predicted: PREDICTED_SECRET, live: LIVE_SECRET });
    expect(result).toMatchObject({ status: "OutOfSync", state: "modified", changedFields: [["data", "password"]] });
    expect(diffTextOf(result)).toContain("-  password: ++++++++++++");
    expect(diffTextOf(result)).toContain("+  password: ++++++++");
    expect(diffTextOf(result)).toContain("   username: ++++++++");
    expect(leaks(result)).not.toContain(true);
  });

  it("is Synced when the values are equal, without revealing them", () => {
    const result = compare({ desired: DESIRED_SECRET, predicted: PREDICTED_SECRET, live: PREDICTED_SECRET });
    expect(result).toMatchObject({ status: "Synced", state: "synced" });
    expect(diffTextOf(result)).toBe("");
    expect(leaks(result)).not.toContain(true);
  });

  it("reveals nothing when the Secret is missing", () => {
    const result = compare({ desired: DESIRED_SECRET });
    expect(result.state).toBe("missing");
    expect(diffTextOf(result)).toContain("+  password: ++++++++");
    expect(leaks(result)).not.toContain(true);
  });

  it("reveals nothing when the Secret is prunable", () => {
    const result = compare({ live: LIVE_SECRET });
    expect(result.state).toBe("prunable");
    expect(diffTextOf(result)).toContain("-  password: ++++++++");
    expect(leaks(result)).not.toContain(true);
  });

  it("redacts a value the API server echoed in a dry-run error", () => {
    const result = compare({ desired: DESIRED_SECRET, live: LIVE_SECRET, dryRunError: `bad value "${PLANTED_VALUE}"` });
    expect(result.dryRunError).toBe('bad value "++++++++"');
    expect(leaks(result)).not.toContain(true);
  });
});

describe("compareResource on objects on one side only", () => {
  it("reports a resource not in the cluster as missing, diffing from nothing to the normalized desired object", () => {
    const result = compare({ desired: DESIRED_SERVICE, dryRunError: 'namespaces "shop" not found' });
    expect(result).toMatchObject({ status: "OutOfSync", state: "missing", changedFields: [], requiresPruning: false });
    expect(result.dryRunError).toBe('namespaces "shop" not found');
    expect(diffTextOf(result)).toContain("--- live/Service/shop/web");
    expect(diffTextOf(result)).toContain("+  name: web");
    expect(diffTextOf(result).split("\n").filter((line) => line.startsWith("-") && !line.startsWith("---"))).toEqual([]);
    expect(result.target?.spec).toEqual(parseObject(DESIRED_SERVICE).spec);
    expect(result.live).toBeUndefined();
  });

  it("reports an owned live resource no longer in Git as prunable", () => {
    const result = compare({ live: LIVE_ORPHAN_SERVICE });
    expect(result).toMatchObject({ status: "OutOfSync", state: "prunable", changedFields: [], requiresPruning: true });
    expect(result.subject).toBe("Service/shop/web-legacy");
    expect(diffTextOf(result)).toContain("-  name: web-legacy");
    expect(diffTextOf(result)).not.toContain("managedFields");
    expect(diffTextOf(result).split("\n").filter((line) => line.startsWith("+") && !line.startsWith("+++"))).toEqual([]);
  });
});

describe("summarizeSync", () => {
  const synced = compare({ desired: DESIRED_DEPLOYMENT, predicted: PREDICTED_DEPLOYMENT_UNCHANGED, live: LIVE_DEPLOYMENT_CURRENT });
  const missing = compare({ desired: DESIRED_SERVICE });

  it.each([
    { name: "is Synced when every resource is synced", diffs: [synced], options: {}, expected: "Synced" },
    { name: "is Synced for an app without resources", diffs: [], options: {}, expected: "Synced" },
    { name: "is OutOfSync when any resource is not synced", diffs: [synced, missing], options: {}, expected: "OutOfSync" },
    { name: "is Unknown when the comparison failed", diffs: [synced], options: { comparisonFailed: true }, expected: "Unknown" },
  ])("$name", ({ diffs, options, expected }) => {
    expect(summarizeSync(diffs, options)).toBe(expected);
  });
});
