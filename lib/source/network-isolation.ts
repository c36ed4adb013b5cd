/**
 * Running a renderer (kustomize, later Helm) with no network at all: `unshare --net` from
 * util-linux starts it in a network namespace of its own, whose only interface is a loopback
 * that is down — so neither the internet nor services on the server's own host (which Go's
 * HTTP client reaches past any `HTTP_PROXY`) can be fetched from. When isolation is needed
 * but impossible, the render fails closed rather than running with the network.
 */
import { findOnPath } from "./executable";

/** A program and its arguments, as `runProcess` takes them. */
export interface Command {
  file: string;
  args: readonly string[];
}

/** Options for {@link isolateFromNetwork}. */
export interface IsolateOptions {
  /** The `unshare` binary. */
  unshareBin: string;
  /**
   * Whether this process runs as root; otherwise `--map-root-user` adds a user namespace,
   * which unprivileged users may create where the kernel allows it.
   */
  isRoot: boolean;
}

/** `command` wrapped so that it runs in a new, empty network namespace: `unshare --net -- file ...args`. */
export function isolateFromNetwork(command: Command, options: IsolateOptions): Command {
  const namespaces = options.isRoot ? ["--net"] : ["--map-root-user", "--net"];
  return { file: options.unshareBin, args: [...namespaces, "--", command.file, ...command.args] };
}

/** The `unshare` binary on `PATH`, or `undefined` when util-linux's is not installed. */
export function findUnshare(): Promise<string | undefined> {
  return findOnPath("unshare");
}

/** True when this process runs as root (always false where there are no user ids). */
export function isRootProcess(): boolean {
  return process.getuid?.() === 0;
}

/** How `unshare` itself failed, read from its standard error; `undefined` when the wrapped program ran. */
export type UnshareFailure = "refused" | "cannot-execute";

/**
 * Tells `unshare`'s own failures from the wrapped program's: `unshare: unshare failed: …` when
 * the kernel refused the namespace, `unshare: failed to execute …` when the program could not start.
 */
export function unshareFailureOf(stderr: string): UnshareFailure | undefined {
  if (/^unshare: unshare failed/m.test(stderr)) return "refused";
  if (/^unshare: failed to execute/m.test(stderr)) return "cannot-execute";
  return undefined;
}
