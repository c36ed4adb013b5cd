/**
 * Which source type a path is, read from its contents as Argo CD detects it: a `Chart.yaml`
 * makes a Helm chart, a kustomization file a Kustomize directory, anything else a plain
 * directory of manifests. An app that names a type must match what is there.
 */
import { existsSync } from "node:fs";
import path from "node:path";

import { KUSTOMIZATION_FILES } from "./kustomize";
import { RenderError } from "./render-error";
import type { SourceType } from "./source-spec";

/** The file that makes a directory a Helm chart. */
export const CHART_FILE = "Chart.yaml";

/** The type the contents of `dir` say: Helm, Kustomize or Directory (read synchronously, as `paths.ts` explains). */
export async function detectSourceType(dir: string): Promise<SourceType> {
  if (existsSync(path.join(dir, CHART_FILE))) return "Helm";
  for (const name of KUSTOMIZATION_FILES) if (existsSync(path.join(dir, name))) return "Kustomize";
  return "Directory";
}

/** What each type needs to find in the path, for the mismatch message. */
const EXPECTED: Record<SourceType, string> = {
  Helm: `a ${CHART_FILE}`,
  Kustomize: "a kustomization file",
  Directory: `neither a ${CHART_FILE} nor a kustomization file`,
};

/**
 * The type to render `dir` as: the detected type, which `requested` (when given) must be.
 * @throws RenderError when the app names a type the contents do not have.
 */
export async function chooseSourceType(dir: string, shownPath: string, requested?: SourceType): Promise<SourceType> {
  const detected = await detectSourceType(dir);
  if (!requested || requested === detected) return detected;
  throw new RenderError(`the app's source type is ${requested} but path ${shownPath} holds ${EXPECTED[detected]} (it is ${detected}); change source.type or the path`);
}
