/**
 * Files set-image may touch in its clone: regular files reached without a
 * symbolic link. A repository can commit `kustomization.yaml -> /etc/…` or a
 * linked directory; following it would make the server read and rewrite a
 * file outside the clone (the path traversal of Argo CD's CVE-2022-24348).
 * Every segment from the clone root to the file is checked with `lstat`, and
 * the file's real path must still lie inside the clone.
 */
import { lstat, realpath } from "node:fs/promises";
import path from "node:path";

import { SetImageError } from "./set-image-error";

/** What a repository path is in the clone. */
export type ClonePathKind = "file" | "missing" | "other";

function symlinkRefusal(repoPath: string, segment: string): SetImageError {
  return new SetImageError(`"${repoPath}" goes through the symbolic link "${segment}" in the repository; set-image edits only regular files inside the repository.`, {
    kind: "invalid",
  });
}

/**
 * What `repoPath` (relative, already free of `..`) names inside `root`: a regular file, nothing,
 * or something else (a directory, a device).
 * @throws SetImageError (invalid) when any segment is a symbolic link or the real path leaves `root`.
 */
export async function inspectClonePath(root: string, repoPath: string): Promise<ClonePathKind> {
  const segments = repoPath.split("/").filter((segment) => segment !== "" && segment !== ".");
  let current = root;
  for (const [index, segment] of segments.entries()) {
    current = path.join(current, segment);
    const stats = await lstat(current).catch(() => undefined);
    if (!stats) return "missing";
    if (stats.isSymbolicLink()) throw symlinkRefusal(repoPath, segments.slice(0, index + 1).join("/"));
    if (index < segments.length - 1 && !stats.isDirectory()) return "missing";
  }
  const [realRoot, realFile] = await Promise.all([realpath(root), realpath(current)]);
  if (realFile !== realRoot && !realFile.startsWith(`${realRoot}${path.sep}`)) throw symlinkRefusal(repoPath, repoPath);
  const stats = await lstat(current);
  return stats.isFile() ? "file" : "other";
}

/**
 * Checks that `repoPath` is still a regular file inside `root`, right before it is read or written.
 * @throws SetImageError (invalid) when it is a symbolic link, goes through one, or is no longer a file.
 */
export async function assertRegularClonePath(root: string, repoPath: string): Promise<string> {
  const kind = await inspectClonePath(root, repoPath);
  if (kind !== "file") throw new SetImageError(`"${repoPath}" is not a regular file in the repository.`, { kind: "invalid" });
  return path.join(root, repoPath);
}
