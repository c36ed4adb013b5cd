/**
 * Namespaces the benchmark creates: all labelled with the run's id so that they are
 * deleted together at the end, and never anyone else's.
 */
import type { Kubectl } from "./kubectl";

/** Label on every namespace of a benchmark run; its value is the run id. */
export const BENCH_LABEL = "lockstep.dev/bench";

/** Creates and deletes one run's namespaces. */
export class NamespacePool {
  constructor(
    private readonly kubectl: Kubectl,
    /** The run id, the value of {@link BENCH_LABEL}. */
    readonly runId: string,
  ) {}

  /** A namespace name unique to this run: `lsb-<run>-<suffix>`. */
  nameFor(suffix: string): string {
    return `lsb-${this.runId}-${suffix}`.toLowerCase().slice(0, 63).replace(/-+$/, "");
  }

  /** Creates the namespaces (one kubectl call for all), labelled with the run id. */
  async create(names: string[]): Promise<void> {
    if (names.length === 0) return;
    const docs = names.map((name) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n    ${BENCH_LABEL}: "${this.runId}"\n`);
    await this.kubectl.check(["apply", "--server-side", "-f", "-"], { input: docs.join("---\n") });
  }

  /** Starts deleting the namespaces (and so everything in them) without waiting. */
  async delete(names: string[]): Promise<void> {
    if (names.length === 0) return;
    await this.kubectl.check(["delete", "namespace", "--wait=false", "--ignore-not-found", ...names]);
  }

  /** Starts deleting every namespace of this run. */
  async deleteAll(): Promise<void> {
    await this.kubectl.check(["delete", "namespace", "--wait=false", "-l", `${BENCH_LABEL}=${this.runId}`]);
  }
}
