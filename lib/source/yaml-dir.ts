/**
 * A directory of plain manifests: every `.yaml`, `.yml` and `.json` file in it
 * — and below it when asked to recurse, as Argo CD's `directory.recurse` — in a
 * fixed order (names compared by code point, depth first), so the same commit
 * always renders the same list. Other files are
 * ignored; so are `kustomization.yaml` files of sub-directories, which are
 * Kustomize's input, not objects. Symlinks are followed to files inside the
 * repository only. Files are read synchronously, as `paths.ts` explains.
 */
import { readdirSync, readFileSync, realpathSync, statSync, type Dirent } from "node:fs";
import path from "node:path";

import { DEFAULT_RENDER_LIMITS, formatBytes, LIMIT_VARIABLES, type RenderLimits } from "./limits";
import { isInside, realOrUndefined } from "./paths";
import { parseJsonManifest, parseYamlManifests, type DocumentBudget, type SourcedObject } from "./parse-manifests";
import { RenderError } from "./render-error";

const MANIFEST_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

/** Options for {@link readYamlDir}. */
export interface ReadYamlDirOptions {
  /** The repository root: file names in messages are relative to it, and symlinks may not leave it. */
  root: string;
  /** File count and sizes. @default DEFAULT_RENDER_LIMITS */
  limits?: Pick<RenderLimits, "maxFiles" | "maxFileBytes" | "maxTotalBytes">;
  /** The render's YAML document budget. */
  budget?: DocumentBudget;
  /** Read the manifests of subdirectories too. @default false */
  recurse?: boolean;
}

/** Reads every manifest under `dir` into objects, each with the file it came from. */
export async function readYamlDir(dir: string, options: ReadYamlDirOptions): Promise<SourcedObject[]> {
  const root = realpathSync.native(options.root);
  const limits = options.limits ?? DEFAULT_RENDER_LIMITS;
  const files = listManifestFiles(realpathSync.native(dir), root, options.recurse ?? false);
  if (files.length > limits.maxFiles) {
    throw new RenderError(`${path.relative(root, dir) || "."} has ${files.length} manifest files; a render may read at most ${limits.maxFiles} (${LIMIT_VARIABLES.maxFiles})`);
  }
  const objects: SourcedObject[] = [];
  let totalBytes = 0;
  for (const file of files) {
    const name = path.relative(root, file);
    const size = statSync(file).size;
    if (size > limits.maxFileBytes) throw new RenderError(`${name} is ${formatBytes(size)}; manifest files may be at most ${formatBytes(limits.maxFileBytes)} (${LIMIT_VARIABLES.maxFileBytes})`);
    totalBytes += size;
    if (totalBytes > limits.maxTotalBytes) throw new RenderError(`the manifests reach ${formatBytes(totalBytes)} at ${name}; a render may read at most ${formatBytes(limits.maxTotalBytes)} (${LIMIT_VARIABLES.maxTotalBytes})`);
    const text = readFileSync(file, "utf8");
    const parsed = path.extname(file).toLowerCase() === ".json" ? parseJsonManifest(text, name) : parseYamlManifests(text, name, options.budget ? { budget: options.budget } : {});
    objects.push(...parsed.filter(({ object }) => !isKustomizeConfig(object.apiVersion)));
  }
  return objects;
}

/** The manifest files under `dir`, sorted, as real paths inside `root`. */
function listManifestFiles(dir: string, root: string, recurse: boolean): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareNames(a.name, b.name));
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (recurse) files.push(...listManifestFiles(full, root, recurse));
    } else if (isManifestName(entry.name)) {
      const file = resolveFile(full, entry, root);
      if (file) files.push(file);
    }
  }
  return files;
}

/** The path to read for a manifest entry, or `undefined` for a symlink to a directory. */
function resolveFile(full: string, entry: Dirent, root: string): string | undefined {
  if (!entry.isSymbolicLink()) return entry.isFile() ? full : undefined;
  const target = realOrUndefined(full);
  const name = path.relative(root, full);
  if (!target || !isInside(root, target)) throw new RenderError(`${name} is a symlink that points outside the repository`);
  return statSync(target).isFile() ? target : undefined;
}

function isManifestName(name: string): boolean {
  return MANIFEST_EXTENSIONS.has(path.extname(name).toLowerCase());
}

/** `kustomize.config.k8s.io` kinds are build instructions, never server objects. */
function isKustomizeConfig(apiVersion: string): boolean {
  return apiVersion.startsWith("kustomize.config.k8s.io/");
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
