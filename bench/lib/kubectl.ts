/**
 * The peer as its users run it: the `kubectl` binary of the local cluster build, one process
 * per command, timed from spawn to exit.
 */
import { spawn } from "node:child_process";

/** One finished kubectl command. */
export interface KubectlRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall-clock time from spawn to exit. */
  ms: number;
}

/** Runs kubectl against one kubeconfig. */
export class Kubectl {
  constructor(
    /** Absolute path of the kubectl binary. */
    readonly binary: string,
    /** Absolute path of the kubeconfig. */
    readonly kubeconfig: string,
  ) {}

  /** Runs `kubectl <args>` (optionally feeding `input` on stdin) and answers whatever it exited with. */
  run(args: string[], options: { input?: string } = {}): Promise<KubectlRun> {
    return new Promise((resolve, reject) => {
      const start = performance.now();
      const child = spawn(this.binary, ["--kubeconfig", this.kubeconfig, ...args], { stdio: ["pipe", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, ms: performance.now() - start }));
      child.stdin.end(options.input ?? "");
    });
  }

  /**
   * Runs `kubectl <args>` and throws unless it exited with one of `okCodes`.
   * @default okCodes [0]
   */
  async check(args: string[], options: { input?: string; okCodes?: number[] } = {}): Promise<KubectlRun> {
    const run = await this.run(args, options);
    if (!(options.okCodes ?? [0]).includes(run.code)) {
      throw new Error(`kubectl ${args.slice(0, 3).join(" ")} exited with code ${run.code}: ${run.stderr.trim().split("\n").slice(-3).join(" ")}`);
    }
    return run;
  }
}
