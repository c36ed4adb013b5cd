/**
 * Real Git fixtures for tests: re-exports `tools/gitserver` and adds a
 * throwaway server root that one test (or one suite) owns and removes.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import {
  createBareRepo,
  startGitServer,
  type CreateBareRepoOptions,
  type GitServer,
  type GitServerOptions,
} from "@/tools/gitserver";

export * from "@/tools/gitserver";

/** A temporary directory of bare repositories served over HTTP. */
export interface GitFixture {
  /** Directory holding the bare repositories. */
  root: string;
  /** The running server. */
  server: GitServer;
  /** Creates a bare repository under {@link GitFixture.root} and returns its path. */
  createRepo(name: string, options?: Omit<CreateBareRepoOptions, "name">): Promise<string>;
  /** A fresh empty directory inside the fixture, e.g. for a clone. */
  makeTempDir(label: string): Promise<string>;
  /** Stops the server and deletes every file the fixture created. */
  cleanup(): Promise<void>;
}

/** Starts a Git server over a new temporary root; call `cleanup()` in `afterEach`/`afterAll`. */
export async function createGitFixture(options: Omit<GitServerOptions, "root"> = {}): Promise<GitFixture> {
  const base = await mkdtemp(path.join(os.tmpdir(), "lockstep-git-"));
  const root = path.join(base, "repos");
  const server = await startGitServer({ ...options, root });
  return {
    root,
    server,
    createRepo: (name, repoOptions) => createBareRepo(root, { ...repoOptions, name }),
    makeTempDir: (label) => mkdtemp(path.join(base, `${label}-`)),
    cleanup: async () => {
      await server.close();
      await rm(base, { recursive: true, force: true });
    },
  };
}
