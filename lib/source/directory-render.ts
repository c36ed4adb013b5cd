/**
 * Rendering a plain directory of manifests, from its files to the app's settled objects as the
 * render cache keeps them (`encodeObjects`): all of it reads files and parses YAML, none of it
 * needs anything but plain values, so a worker thread can run it (`render-threads`).
 */
import type { RenderLimits } from "./limits";
import { encodeObjects } from "./encoded-objects";
import { settleObjects } from "./settle-objects";
import { readYamlDir } from "./yaml-dir";

/** A directory render, as plain values that can cross to a worker thread. */
export interface DirectoryRenderRequest {
  /** The app's directory, resolved inside `root`. */
  dir: string;
  /** The checkout's real root. */
  root: string;
  /** The app's name, for the app label and tracking annotation. */
  appName: string;
  /** Namespace given to namespaced objects that do not name one. */
  destNamespace: string;
  /** What the render may cost. */
  limits: RenderLimits;
  /** Read subdirectories too (Argo CD's `directory.recurse`). */
  recurse: boolean;
}

/**
 * The settled objects of a directory render, encoded as the render cache keeps them.
 * @throws RenderError for every problem with the files, as an in-thread render would.
 */
export async function renderDirectoryEncoded(request: DirectoryRenderRequest): Promise<Uint8Array> {
  const { dir, root, limits, recurse } = request;
  const sourced = await readYamlDir(dir, { root, limits, budget: { remaining: limits.maxDocuments, limit: limits.maxDocuments }, recurse });
  return encodeObjects(settleObjects(sourced, { appName: request.appName, destNamespace: request.destNamespace }));
}
