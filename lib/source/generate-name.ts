/**
 * `generateName` hooks in Kustomize trees. Kustomize refuses any object without a
 * `metadata.name`, so a hook written with `generateName` (as Argo CD users write them) could not
 * be built. When the checkout holds such an object, kustomize builds a private copy of it in
 * which each one is named after its prefix and marked; the marks are read back from the build,
 * so the name Kustomize produced (with any `namePrefix`/`nameSuffix`) becomes the
 * `generateName` the sync names the hook from. The shared checkout is never written.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseAllDocuments } from "yaml";

import { hookOf } from "@/lib/sync/hooks";
import type { KubeObject } from "@/lib/types";
import type { SourcedObject } from "./parse-manifests";
import { RenderError } from "./render-error";

/** Marks an object named after its `generateName` in the private copy. */
const GENERATED_MARK = "lockstep.dev/generated-name";

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True for a document that has a `generateName` and no `name`. */
function wantsGeneratedName(value: unknown): value is { metadata: Record<string, unknown> } {
  if (!isRecord(value) || !isRecord(value.metadata)) return false;
  const { name, generateName } = value.metadata;
  return (name === undefined || name === null || name === "") && typeof generateName === "string" && generateName !== "";
}

/** The text of a manifest file with each `generateName`-only object named and marked; undefined when there is none. */
export function nameGeneratedObjects(text: string): string | undefined {
  if (!text.includes("generateName")) return undefined;
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) return undefined;
  let changed = false;
  for (const document of documents) {
    if (document.errors.length > 0) return undefined;
    const value: unknown = document.toJS();
    if (!wantsGeneratedName(value)) continue;
    document.setIn(["metadata", "name"], value.metadata.generateName);
    document.setIn(["metadata", "annotations", GENERATED_MARK], "true");
    changed = true;
  }
  return changed ? documents.map((document) => document.toString()).join("") : undefined;
}

/** Manifest files under `root` (outside `.git`) that hold a `generateName`-only object, with their named text. */
async function namedFiles(root: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || !MANIFEST_FILE.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (path.relative(root, file).split(path.sep)[0] === ".git") continue;
    const named = nameGeneratedObjects(await readFile(file, "utf8"));
    if (named !== undefined) found.set(path.relative(root, file), named);
  }
  return found;
}

/**
 * Runs `build` on the checkout, or — when it holds `generateName`-only objects — on a private
 * copy in which they are named and marked, removed afterwards.
 */
export async function buildWithGeneratedNames<T>(root: string, dir: string, build: (root: string, dir: string) => Promise<T>): Promise<T> {
  const named = await namedFiles(root);
  if (named.size === 0) return build(root, dir);
  const copy = await mkdtemp(path.join(tmpdir(), "lockstep-named-"));
  try {
    await cp(root, copy, { recursive: true, verbatimSymlinks: true, filter: (source) => path.relative(root, source).split(path.sep)[0] !== ".git" });
    for (const [file, text] of named) await writeFile(path.join(copy, file), text);
    return await build(copy, path.join(copy, path.relative(root, dir)));
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

/**
 * The built objects with each marked one turned back into a `generateName` object: the name
 * Kustomize gave it becomes its prefix. Only hooks may use `generateName`.
 * @throws RenderError for an ordinary object that uses it.
 */
export function restoreGeneratedNames(objects: readonly SourcedObject[]): SourcedObject[] {
  return objects.map(({ object, source }) => {
    const annotations = object.metadata.annotations;
    if (annotations?.[GENERATED_MARK] === undefined) return { object, source };
    const rest = { ...annotations };
    delete rest[GENERATED_MARK];
    const restored: KubeObject = { ...object, metadata: { ...object.metadata, generateName: object.metadata.name, annotations: rest } };
    if (Object.keys(rest).length === 0) delete restored.metadata.annotations;
    if (!hookOf(restored)) {
      throw new RenderError(`${source}: ${object.kind} ${object.metadata.name}... uses metadata.generateName, which only hooks may use; give it a metadata.name`);
    }
    return { object: restored, source };
  });
}
