import { describe, expect, it } from "vitest";

import { escapeSetValue, helmTemplateArgs, type HelmTemplateInput } from "./helm-args";

const base: HelmTemplateInput = { releaseName: "shop", chartDir: "/repo/charts/shop", namespace: "shop-prod", valueFiles: [], parameters: [], includeCrds: true, skipTests: false };

describe("helmTemplateArgs", () => {
  it("renders the release into the destination namespace with CRDs by default", () => {
    expect(helmTemplateArgs(base)).toEqual(["template", "shop", "/repo/charts/shop", "--namespace=shop-prod", "--include-crds"]);
  });

  it("passes the cluster's version and API versions, then values files, inline values and parameters in Helm's order of precedence", () => {
    const args = helmTemplateArgs({
      ...base,
      includeCrds: false,
      skipTests: true,
      kubeVersion: "v1.31.2",
      apiVersions: ["apps/v1", "v1"],
      valueFiles: ["/repo/values.yaml", "/repo/prod.yaml"],
      inlineValuesFile: "/tmp/inline.yaml",
      parameters: [
        { name: "image.tag", value: "1.2" },
        { name: "build", value: "007", forceString: true },
      ],
    });
    expect(args.slice(4)).toEqual([
      "--skip-tests",
      "--kube-version=v1.31.2",
      "--api-versions=apps/v1",
      "--api-versions=v1",
      "--values=/repo/values.yaml",
      "--values=/repo/prod.yaml",
      "--values=/tmp/inline.yaml",
      "--set=image.tag=1.2",
      "--set-string=build=007",
    ]);
  });

  it("writes every option with '=', so a value starting with a dash is never read as a flag", () => {
    const args = helmTemplateArgs({ ...base, parameters: [{ name: "x", value: "--post-renderer=/bin/sh" }] });
    expect(args).toContain("--set=x=--post-renderer=/bin/sh");
    expect(args).not.toContain("--post-renderer");
  });
});

describe("escapeSetValue", () => {
  it("escapes commas and backslashes so Helm reads one value", () => {
    expect(escapeSetValue("a,b\\c")).toBe("a\\,b\\\\c");
  });
});
