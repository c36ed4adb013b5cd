/**
 * Validation of the two kinds of names fixtures accept from callers: repository
 * names (directories under the server root) and file paths inside a commit.
 */
import path from "node:path";

/**
 * Splits a repository name such as `config.git` or `team/apps.git` into its path
 * segments. Rejects absolute names and empty, `.` or `..` segments so a name can
 * never escape the root that `git http-backend` serves.
 */
export function toRepoNameSegments(name: string): string[] {
  const segments = name.split("/");
  const isSafe = name.length > 0 && segments.every((segment) => segment !== "" && segment !== "." && segment !== "..");
  if (!isSafe) throw new Error(`Invalid repository name ${JSON.stringify(name)}: use relative segments like "config.git"`);
  return segments;
}

/** The directory of repository `name` under `root`; see {@link toRepoNameSegments} for valid names. */
export function resolveRepoDir(root: string, name: string): string {
  return path.join(root, ...toRepoNameSegments(name));
}

/**
 * Normalizes a file path for a tree entry (`./a//b.yaml` → `a/b.yaml`, backslashes
 * are not separators) and rejects paths git would refuse or that point into `.git`.
 */
export function toTreePath(filePath: string): string {
  const normalized = path.posix.normalize(filePath).replace(/^(\.\/)+/, "").replace(/\/+$/, "");
  const segments = normalized.split("/");
  const isSafe =
    normalized !== "" &&
    normalized !== "." &&
    !normalized.startsWith("/") &&
    !normalized.includes("\0") &&
    segments.every((segment) => segment !== ".." && segment.toLowerCase() !== ".git");
  if (!isSafe) throw new Error(`Invalid file path ${JSON.stringify(filePath)} for a commit`);
  return normalized;
}
