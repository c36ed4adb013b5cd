/**
 * What every measurement is given: the options, the peer's binary, a running Lockstep server,
 * a Git server for fixtures, the run's namespaces, and the features the build has.
 */
import { randomBytes } from "node:crypto";
import type { GitFixture } from "@/test/helpers/git";
import { commitFiles } from "@/test/helpers/git";
import type { WebServer } from "@/test/helpers/web-server";
import type { Environment } from "./environment";
import type { Feature } from "./features";
import type { Figure, FigureSpec } from "./figures";
import type { Kubectl } from "./kubectl";
import type { LockstepClient } from "./lockstep-client";
import type { NamespacePool } from "./namespaces";
import type { BenchOptions } from "./options";

/** Shared state of one benchmark run. */
export interface BenchContext {
  options: BenchOptions;
  /** Short random id naming this run's apps, repositories and namespaces. */
  runId: string;
  /** The cluster's admin kubeconfig, for servers a measurement starts itself. */
  kubeconfig: string;
  kubectl: Kubectl;
  lockstep: LockstepClient;
  web: WebServer;
  git: GitFixture;
  namespaces: NamespacePool;
  /** The server's `LOCKSTEP_WEBHOOK_SECRET`, to sign webhooks. */
  webhookSecret: string;
  features: Set<Feature>;
  environment: Environment;
  /** Scratch directory for the peer's manifests. */
  workDir: string;
  /** Values computed once and used by several measurements (e.g. the scale fixture). */
  shared: Map<string, unknown>;
  /** Progress line on stderr. */
  log(line: string): void;
}

/** One measurement: a module that reports a fixed list of figures. */
export interface Measurement {
  /** Short id, used by `--only` and as the figures' group. */
  id: string;
  title: string;
  /** Features without which the figures are "not available yet". */
  requires: Feature[];
  /** The figures this measurement reports, known before running it. */
  figures(options: BenchOptions): FigureSpec[];
  /** Measures and hands each figure to `record` as soon as it is known. */
  run(context: BenchContext, record: (figure: Figure) => void): Promise<void>;
}

/** A random run id: 6 lowercase hex characters. */
export function newRunId(): string {
  return randomBytes(3).toString("hex");
}

/** A repository of the run's Git server, with its first commit. */
export interface BenchRepo {
  /** Bare repository on disk. */
  path: string;
  /** Clone URL over smart HTTP. */
  url: string;
  /** SHA of the branch head. */
  head: string;
  /** Commits files on top of the head (a push, as far as Lockstep can tell) and answers the new head. */
  commit(files: Record<string, string | null>, message: string): Promise<string>;
}

/** Creates a bare repository named `<name>.git` with `files` as its first commit on `main`. */
export async function createBenchRepo(context: BenchContext, name: string, files: Record<string, string>): Promise<BenchRepo> {
  const repoName = `${name}.git`;
  const repoPath = await context.git.createRepo(repoName);
  const repo: BenchRepo = {
    path: repoPath,
    url: context.git.server.repoUrl(repoName),
    head: "",
    async commit(changes, message) {
      repo.head = await commitFiles(repoPath, { files: changes, message, date: new Date() });
      return repo.head;
    },
  };
  await repo.commit(files, "Initial manifests");
  return repo;
}
