/**
 * Finding the `kustomize` and `helm` binaries: the caller's choice, then `LOCKSTEP_KUSTOMIZE`
 * (`LOCKSTEP_HELM`), then `PATH`, then the toolchain cache (see `tool-bin.ts`).
 */
import { findToolBinary } from "./tool-bin";

/** Options for {@link findKustomizeBinary}. */
export interface FindKustomizeOptions {
  /** An explicit binary; returned as is when set. */
  kustomizeBin?: string;
}

/** The kustomize binary to run, or `undefined` when none can be found. */
export function findKustomizeBinary(options: FindKustomizeOptions = {}): Promise<string | undefined> {
  return findToolBinary("kustomize", options.kustomizeBin);
}

/** Options for {@link findHelmBinary}. */
export interface FindHelmOptions {
  /** An explicit binary; returned as is when set. */
  helmBin?: string;
}

/** The helm binary to run, or `undefined` when none can be found. */
export function findHelmBinary(options: FindHelmOptions = {}): Promise<string | undefined> {
  return findToolBinary("helm", options.helmBin);
}
