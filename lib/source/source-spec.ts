/**
 * How an app's path is rendered: its source type (Directory, Kustomize, Helm, as Argo CD names
 * them) and each type's options, spelled as Argo CD's Application `source` block spells them.
 * lib/apps validates what users write (zod); this is the plain shape lib/source reads.
 */

/** The source types, as Argo CD names them. */
export const SOURCE_TYPES = ["Directory", "Kustomize", "Helm"] as const;

/** How a path is rendered. */
export type SourceType = (typeof SOURCE_TYPES)[number];

/** One `--set` (or `--set-string`) of a Helm source, as Argo CD's `helm.parameters` entries. */
export interface HelmParameter {
  /** The value's path, e.g. `image.tag`. */
  name: string;
  /** The value, as Helm's `--set` reads it (commas are escaped for it). */
  value: string;
  /** Pass it with `--set-string`, so `true` or `1` stay strings. @default false */
  forceString?: boolean;
}

/** The options of a Helm source, as Argo CD's `source.helm`. */
export interface HelmSourceSpec {
  /** The release name. @default the app's name */
  releaseName?: string;
  /** Values files, relative to the repository root or, as Argo CD reads them, to the chart (`values-prod.yaml`); never outside the repository. */
  valueFiles?: string[];
  /** Inline values as YAML text or an object; they win over `valueFiles`. */
  values?: string | Record<string, unknown>;
  /** `--set`/`--set-string` parameters, applied last. */
  parameters?: HelmParameter[];
  /** Render the chart's `crds/` directory too. @default true */
  includeCrds?: boolean;
  /** Leave out the chart's tests (`helm.sh/hook: test`). @default false */
  skipTests?: boolean;
}

/** An app's `source` block: the type (detected when absent) and the options of each type. */
export interface SourceSpec {
  /** Render as this type; detection from the path's contents otherwise, and a mismatch is an error. */
  type?: SourceType;
  /** A plain directory's options. */
  directory?: { /** Read manifests of subdirectories too. @default false */ recurse?: boolean };
  /** A Helm chart's options. */
  helm?: HelmSourceSpec;
}
