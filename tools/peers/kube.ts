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

interface CrdStatus {
  metadata?: { name?: string };
  status?: { conditions?: { type?: string; status?: string }[] | null };
}

/** The CRDs of a `kubectl get -o json` answer (one object, or a List of several) not Established yet, by name. */
export function notEstablished(answer: { items?: CrdStatus[] } & CrdStatus): string[] {
  const crds = answer.items ?? [answer];
  return crds.filter((crd) => !crd.status?.conditions?.some((c) => c.type === "Established" && c.status === "True")).map((crd) => crd.metadata?.name ?? "?");
}

/**
 * Waits until each CRD is Established, polling. `kubectl wait --for condition=Established` is not
 * used: it fails, instead of waiting, while a new CRD's status holds no conditions yet.
 */
async function waitEstablished(k: PeerKubectl, names: string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = notEstablished(JSON.parse(await kubectl(k, ["get", ...names, "-o", "json"])) as { items?: CrdStatus[] } & CrdStatus);
    if (pending.length === 0) return;
    if (Date.now() > deadline) throw new PeerError(`CRDs not Established after ${timeoutMs / 1000} s: ${pending.join(", ")}.`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Applies CRD files (server-side) and waits until each is Established. */
export async function applyCrds(k: PeerKubectl, files: string[]): Promise<void> {
  const out = await kubectl(k, ["apply", "--server-side", "--force-conflicts", "-o", "name", ...files.flatMap((f) => ["-f", f])]);
  await waitEstablished(k, out.split("\n").filter(Boolean));
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
