/**
 * The few cluster calls a peer's set-up makes, through the local cluster's kubectl: apply
 * manifests, wait for CRDs, find a module's directory for its CRDs.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { goEnv } from "../localcluster/go";
import { PeerError } from "./errors";

const execFileAsync = promisify(execFile);

/** kubectl bound to one kubeconfig. */
export interface PeerKubectl {
  binary: string;
  kubeconfig: string;
}

/** Runs `kubectl <args>` with `input` on stdin; answers stdout, throws a PeerError naming the command on failure. */
export async function kubectl(k: PeerKubectl, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(k.binary, ["--kubeconfig", k.kubeconfig, ...args], { maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new PeerError(`kubectl ${args.slice(0, 3).join(" ")} failed: ${String(stderr).trim().split("\n").slice(-2).join(" ") || error.message}`));
      else resolve(String(stdout));
    });
    child.stdin?.end(input ?? "");
  });
}

/** Applies CRD files (server-side) and waits until each is Established. */
export async function applyCrds(k: PeerKubectl, files: string[]): Promise<void> {
  const out = await kubectl(k, ["apply", "--server-side", "--force-conflicts", "-o", "name", ...files.flatMap((f) => ["-f", f])]);
  const names = out.split("\n").filter(Boolean);
  await kubectl(k, ["wait", "--for", "condition=Established", "--timeout=60s", ...names]);
}

/** The directory of `modulePath` in the Go module cache, as the peer's go.mod in `moduleDir` pins it. */
export async function goModuleDir(moduleDir: string, modulePath: string): Promise<string> {
  try {
    const { stdout } = await execFileAsync("go", ["list", "-m", "-f", "{{.Dir}}", modulePath], { cwd: moduleDir, env: goEnv() });
    const dir = stdout.trim();
    if (!dir) throw new Error("empty answer");
    return dir;
  } catch (error) {
    throw new PeerError(`Could not find ${modulePath} in the Go module cache (go list -m in ${moduleDir}: ${error instanceof Error ? error.message : String(error)}); build the peer first.`, { cause: error });
  }
}
