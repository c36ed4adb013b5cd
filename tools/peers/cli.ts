/**
 * `npx tsx tools/peers/cli.ts build <peer>|all` builds a peer's binaries into the cache;
 * `where <peer>` prints their directory and versions without building.
 */
import { ensurePeerBinaries, locatePeerBinaries, peerBinDir } from "./build";
import { isPeerName, peerNames, type PeerName } from "./components";
import { PeerError } from "./errors";
import { peerVersion } from "./versions";

const usage = `usage: tsx tools/peers/cli.ts <command> <peer>|all

  build   build the peer's binaries from tools/peers/<module>/go.mod into ~/.cache/lockstep/bin/peer-<name>-<key>/
  where   print the peer's cache directory, its pinned versions and whether it is built

  peers: ${peerNames.join(", ")}`;

function peersOf(arg: string | undefined): PeerName[] {
  if (arg === "all") return [...peerNames];
  if (arg !== undefined && isPeerName(arg)) return [arg];
  throw new PeerError(`Unknown peer "${arg ?? ""}"; known peers: ${peerNames.join(", ")} (or all).`);
}

async function run(command: string | undefined, arg: string | undefined): Promise<number> {
  if (command !== "build" && command !== "where") {
    console.error(usage);
    return 2;
  }
  for (const peer of peersOf(arg)) {
    if (command === "build") {
      const started = Date.now();
      await ensurePeerBinaries(peer);
      console.log(`${peer} (${await peerVersion(peer)}) ready in ${await peerBinDir(peer)} after ${Math.round((Date.now() - started) / 1000)} s`);
    } else {
      const built = await locatePeerBinaries(peer);
      console.log(`${peer}: ${await peerVersion(peer)}; ${await peerBinDir(peer)} (${built ? "built" : "not built"})`);
    }
  }
  return 0;
}

run(process.argv[2], process.argv[3]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof PeerError ? error.message : error);
    process.exit(error instanceof PeerError ? 2 : 1);
  },
);
