/**
 * The one error type the peer tooling throws on purpose: one sentence naming what failed and
 * where to look (a build log, a component's log).
 */
export class PeerError extends Error {
  override readonly name = "PeerError";
}
