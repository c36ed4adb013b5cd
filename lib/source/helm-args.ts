/**
 * The command line of `helm template`, as Argo CD builds it from an Application's `source.helm`:
 * the release and chart, the destination namespace, the cluster's version and API versions
 * (so `.Capabilities` answers as the destination would), CRDs, tests, values files, inline
 * values and `--set`/`--set-string` parameters, in Helm's order of precedence (later wins).
 * Every option is written `--flag=value`, so no value is ever read as a flag; there is no way
 * to ask for `--post-renderer` or any other flag.
 */
import type { HelmParameter } from "./source-spec";

/** What one `helm template` run renders. */
export interface HelmTemplateInput {
  /** The release name (`.Release.Name`). */
  releaseName: string;
  /** The chart's directory (absolute). */
  chartDir: string;
  /** `.Release.Namespace`: the app's destination namespace. */
  namespace: string;
  /** Values files (absolute, already checked), in order. */
  valueFiles: readonly string[];
  /** The file holding the inline values, applied after the values files. */
  inlineValuesFile?: string;
  /** `--set` and `--set-string` parameters, applied last. */
  parameters: readonly HelmParameter[];
  /** Render the chart's `crds/` directory too. */
  includeCrds: boolean;
  /** Leave out the chart's tests. */
  skipTests: boolean;
  /** The destination's Kubernetes version (`v1.31.2`); omitted when unknown. */
  kubeVersion?: string;
  /** The destination's API versions (`apps/v1`, `v1`); omitted when unknown. */
  apiVersions?: readonly string[];
}

/** A `--set` value with its commas escaped, as Argo CD does, so Helm does not split it into several assignments. */
export function escapeSetValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/,/g, "\\,");
}

/** The arguments of `helm template` for `input`. */
export function helmTemplateArgs(input: HelmTemplateInput): string[] {
  const args = ["template", input.releaseName, input.chartDir, `--namespace=${input.namespace}`];
  if (input.includeCrds) args.push("--include-crds");
  if (input.skipTests) args.push("--skip-tests");
  if (input.kubeVersion) args.push(`--kube-version=${input.kubeVersion}`);
  for (const apiVersion of input.apiVersions ?? []) args.push(`--api-versions=${apiVersion}`);
  for (const file of input.valueFiles) args.push(`--values=${file}`);
  if (input.inlineValuesFile) args.push(`--values=${input.inlineValuesFile}`);
  for (const parameter of input.parameters) {
    args.push(`${parameter.forceString ? "--set-string" : "--set"}=${parameter.name}=${escapeSetValue(parameter.value)}`);
  }
  return args;
}
