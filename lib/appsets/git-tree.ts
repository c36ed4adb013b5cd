/**
 * The Git side of app sets: a revision resolved to a commit (`ls-remote`, as apps' polls), the
 * commit fetched into the source's bare mirror only when missing, and the tree read from the
 * mirror without a checkout (`git ls-tree`, `git cat-file`).
 */
import { runGit, type Source } from "@/lib/source";

/** Largest file a files generator reads, in bytes. */
export const MAX_GENERATOR_FILE_BYTES = 256 * 1024;

/** The tree of one commit, as generators read it. */
export interface CommitTree {
  sha: string;
  files: readonly string[];
  readFile(path: string): Promise<string>;
}

/** What app sets read of Git. */
export interface AppSetGit {
  /** The commit a revision names now. */
  resolve(repoUrl: string, revision: string): Promise<string>;
  /** The tree of a commit (fetched first when missing). */
  tree(repoUrl: string, sha: string): Promise<CommitTree>;
}

/** An {@link AppSetGit} on the engine's source: its mirrors and credentials. */
export function createAppSetGit(source: Pick<Source, "resolveRevision" | "ensureCommit">): AppSetGit {
  return {
    resolve: (repoUrl, revision) => source.resolveRevision(repoUrl, revision),
    async tree(repoUrl, sha) {
      const { mirrorDir } = await source.ensureCommit(repoUrl, sha);
      const listing = await runGit(["ls-tree", "-r", "-z", "--name-only", sha], { gitDir: mirrorDir });
      const files = listing.split("\0").filter((name) => name !== "");
      return {
        sha,
        files,
        async readFile(path) {
          const size = Number(await runGit(["cat-file", "-s", `${sha}:${path}`], { gitDir: mirrorDir }));
          if (size > MAX_GENERATOR_FILE_BYTES) throw new Error(`File ${path} is ${size} bytes; a files generator reads files of at most ${MAX_GENERATOR_FILE_BYTES} bytes.`);
          return runGit(["cat-file", "blob", `${sha}:${path}`], { gitDir: mirrorDir });
        },
      };
    },
  };
}
