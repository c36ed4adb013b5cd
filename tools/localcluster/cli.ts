import { ensureBinaries } from "./build";
import { clusterStatus, startCluster, stopCluster } from "./cluster";
import { isLocalClusterError, LocalClusterError } from "./errors";
import { namedClusterDir } from "./paths";
import type { ClusterStatus } from "./status";

const usage = `usage: tsx tools/localcluster/cli.ts <command> [--name <name>]

  up      build the binaries if needed, start the local cluster (or reuse a healthy one), print the kubeconfig path
  down    stop the local cluster's processes and delete its state directory
  status  show each process and the apiserver's readiness (exit code 0 only when running)
  build   build the binaries into ~/.cache/lockstep/bin/ without starting anything

  --name <name>  up, down or status of an extra cluster (state in ~/.cache/lockstep/cluster-<name>,
                 on free ports), e.g. a second destination for tests and the demo`;

/** The state directory named by `--name <name>`; undefined without it (the default cluster). */
function dirOf(args: readonly string[]): string | undefined {
  const at = args.indexOf("--name");
  if (at < 0) return undefined;
  const name = args[at + 1] ?? "";
  if (!/^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/.test(name)) throw new LocalClusterError(`--name needs a cluster name of lower-case letters, digits and '-', e.g. --name second; got "${name}".`);
  return namedClusterDir(name);
}

function printStatus(status: ClusterStatus): void {
  console.log(`local cluster: ${status.phase} (${status.summary})`);
  console.log(`state directory: ${status.dir}`);
  if (status.phase === "stopped") return;
  for (const component of status.processes) {
    const pid = component.pid === undefined ? "no pid file" : `pid ${component.pid}`;
    const health = component.health ? `, healthz ${component.health.ok ? "ok" : `failing: ${component.health.detail}`}` : "";
    console.log(`  ${component.name.padEnd(24)} ${component.running ? "running" : "not running"} (${pid}${health})`);
  }
  if (status.apiserver) console.log(`apiserver /readyz: ${status.apiserver.ok ? "ok" : status.apiserver.detail}`);
  if (status.phase === "running") console.log(`kubeconfig: ${status.kubeconfigPath}`);
  if (status.phase === "stale") console.log("run `npm run cluster:up` to replace it, or `npm run cluster:down` to clean up");
}

async function run(command: string | undefined, args: readonly string[]): Promise<number> {
  const dir = dirOf(args);
  switch (command) {
    case "up": {
      const cluster = await startCluster({ dir });
      if (cluster.reused) console.error(`a healthy local cluster is already running at ${cluster.server}`);
      console.error(`use it with: export KUBECONFIG=${cluster.kubeconfigPath}`);
      console.log(cluster.kubeconfigPath);
      return 0;
    }
    case "down": {
      const stopped = await stopCluster({ dir });
      console.log(stopped.length > 0 ? `stopped ${stopped.join(", ")}` : "no local cluster processes were running");
      return 0;
    }
    case "status": {
      const status = await clusterStatus({ dir });
      printStatus(status);
      return status.phase === "running" ? 0 : 1;
    }
    case "build": {
      const bins = await ensureBinaries();
      for (const [name, path] of Object.entries(bins)) console.log(`${name.padEnd(24)} ${path}`);
      return 0;
    }
    default:
      console.error(usage);
      return 2;
  }
}

try {
  process.exitCode = await run(process.argv[2], process.argv.slice(3));
} catch (error) {
  if (!isLocalClusterError(error)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
