/**
 * A second, private local cluster for the one test that stops its API server: the shared
 * test cluster is never restarted. Started in its own state directory on free ports and
 * removed again by `stop()`.
 */
import { spawn } from "node:child_process";
import { mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { KubeConfig, VersionApi } from "@kubernetes/client-node";
import { startCluster, stopCluster } from "@/tools/localcluster";
import { stopProcess } from "@/tools/localcluster/process";
import { freePort } from "./free-port";

/** A private cluster whose API server a test may stop and start. */
export interface SecondCluster {
  kubeconfigPath: string;
  kubeConfig: KubeConfig;
  /** Stops the API server, waits `downMs`, starts it again with the same flags, and waits until it answers. */
  restartApiserver(options?: { downMs?: number }): Promise<void>;
  /** Stops every component and deletes the state directory. */
  stop(): Promise<void>;
}


async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await sleep(100);
  }
}

async function answers(kc: KubeConfig): Promise<boolean> {
  try {
    await kc.makeApiClient(VersionApi).getCode();
    return true;
  } catch {
    return false;
  }
}

/** Starts a private cluster in a fresh temporary state directory. */
export async function startSecondCluster(): Promise<SecondCluster> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "lockstep-second-cluster-"));
  const started = await startCluster({ dir, apiserverPort: await freePort(), onProgress: () => undefined });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(started.kubeconfigPath);
  const pidPath = path.join(dir, "run", "kube-apiserver.pid");
  const logPath = path.join(dir, "logs", "kube-apiserver.log");

  return {
    kubeconfigPath: started.kubeconfigPath,
    kubeConfig,
    async restartApiserver(options = {}) {
      const pid = Number.parseInt(await readFile(pidPath, "utf8"), 10);
      const [binary, ...args] = (await readFile(`/proc/${pid}/cmdline`, "utf8")).split("\0").filter(Boolean);
      await stopProcess(pid, binary as string);
      await sleep(options.downMs ?? 0);
      const log = await open(logPath, "a");
      try {
        const child = spawn(binary as string, args, { cwd: dir, detached: true, stdio: ["ignore", log.fd, log.fd] });
        await new Promise<void>((resolve, reject) => {
          child.once("error", reject);
          child.once("spawn", () => resolve());
        });
        child.unref();
        await writeFile(pidPath, `${child.pid}\n`);
      } finally {
        await log.close();
      }
      await waitUntil("the restarted API server to answer", () => answers(kubeConfig));
    },
    async stop() {
      await stopCluster({ dir, onProgress: () => undefined });
      await rm(dir, { recursive: true, force: true });
      await rm(`${dir}.lock`, { force: true });
    },
  };
}
