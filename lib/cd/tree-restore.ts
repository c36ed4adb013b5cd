/**
 * Pure: what it takes to make a directory of the branch head equal the same directory of an
 * older commit. Both sides are `git ls-tree -r` listings (mode, object, path); the answer is a
 * list of file operations — added, changed, deleted — that the clone stages in its index, so
 * every restored file is the old blob byte for byte (comments and formatting included).
 */

/** One file of a Git tree, as `git ls-tree -r` lists it. */
export interface TreeEntry {
  /** `100644`, `100755`, `120000` (symbolic link) or `160000` (submodule). */
  mode: string;
  /** `blob` or `commit` (submodule). */
  type: string;
  /** The object's SHA. */
  object: string;
  /** Repository-relative path. */
  path: string;
}

/** What restoring does to one file. */
export type FileChange = "added" | "changed" | "deleted";

/** One file operation: a deletion, or the entry to stage at `path`. */
export type FileOperation =
  | { action: "delete"; path: string }
  | { action: "add" | "change"; path: string; mode: string; object: string };

/** A file operation as shown to a person (the preview), without Git object ids. */
export interface FileChangeSummary {
  path: string;
  change: FileChange;
}

/**
 * Parses `git ls-tree -r -z` output: NUL-separated records of `<mode> SP <type> SP <object> TAB <path>`.
 * @throws Error for a record that is not in that shape (git changed its output, or it is not ls-tree's).
 */
export function parseTreeListing(text: string): TreeEntry[] {
  return text
    .split("\0")
    .filter((record) => record.trim() !== "")
    .map((record) => {
      const match = /^(\d{6}) (\w+) ([0-9a-f]{40,64})\t(.+)$/s.exec(record.replace(/^\n/, ""));
      if (!match) throw new Error(`Unexpected git ls-tree record: ${JSON.stringify(record.slice(0, 120))}.`);
      const [, mode = "", type = "", object = "", path = ""] = match;
      return { mode, type, object, path };
    });
}

/**
 * The operations that turn `current` (the files under a path at the branch head) into
 * `target` (the files under the same path at an older commit): files only in `target` are
 * added, files whose object or mode differ are changed, files only in `current` are deleted.
 * Deletions come first (a file may give way to a directory of the same name), then the
 * rest, each group sorted by path. Nothing when the two are equal.
 */
export function restoreOperations(current: readonly TreeEntry[], target: readonly TreeEntry[]): FileOperation[] {
  const now = new Map(current.map((entry) => [entry.path, entry]));
  const then = new Map(target.map((entry) => [entry.path, entry]));
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const deletions: FileOperation[] = [...now.keys()].filter((path) => !then.has(path)).map((path) => ({ action: "delete" as const, path }));
  const writes: FileOperation[] = [];
  for (const entry of target) {
    const existing = now.get(entry.path);
    if (existing && existing.object === entry.object && existing.mode === entry.mode) continue;
    writes.push({ action: existing ? "change" : "add", path: entry.path, mode: entry.mode, object: entry.object });
  }
  return [...deletions.sort(byPath), ...writes.sort(byPath)];
}

const CHANGE_OF: Record<FileOperation["action"], FileChange> = { add: "added", change: "changed", delete: "deleted" };

/** The operations as a person reads them: path and change, sorted by path. */
export function summarizeOperations(operations: readonly FileOperation[]): FileChangeSummary[] {
  return operations.map((operation) => ({ path: operation.path, change: CHANGE_OF[operation.action] })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
