/**
 * Which stored credentials serve a repository: those whose URL prefix names
 * the same scheme, host (and port) and a leading run of whole path segments, for
 * the transport the credential speaks (HTTPS tokens for http(s) URLs, SSH keys for
 * ssh URLs). The scheme must match exactly: a token stored for `https://host` is
 * never offered to `http://host`, where anyone on the path could read it. The longest prefix wins, so `https://github.com/acme` serves a
 * whole organisation and `https://github.com/acme/secret-repo` can override it.
 */
import { repoLocation, type RepoLocation } from "@/lib/source";

/** The two kinds of repository credentials. */
export const CREDENTIAL_KINDS = ["https", "ssh"] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** The transport a kind of credential authenticates. */
export function transportOf(kind: CredentialKind): RepoLocation["transport"] {
  return kind === "https" ? "http" : "ssh";
}

/**
 * How well `prefix` covers `repoUrl`: the number of path segments it names
 * plus one (so a host-wide prefix scores 1), or 0 when it does not cover it —
 * including when the schemes differ (`https` does not cover `http`).
 */
export function prefixScore(prefix: string, repoUrl: string): number {
  const want = repoLocation(prefix);
  const have = repoLocation(repoUrl);
  if (!want || !have || want.host !== have.host || want.port !== have.port || want.scheme !== have.scheme) return 0;
  if (want.path === "") return 1;
  const isCovered = have.path === want.path || have.path.startsWith(`${want.path}/`);
  return isCovered ? want.path.split("/").length + 1 : 0;
}

/** The entry with the longest prefix covering `repoUrl` for a matching transport, if any. */
export function bestMatch<T extends { urlPrefix: string; kind: string }>(entries: readonly T[], repoUrl: string): T | undefined {
  const transport = repoLocation(repoUrl)?.transport;
  let best: T | undefined;
  let bestScore = 0;
  for (const entry of entries) {
    if (!CREDENTIAL_KINDS.includes(entry.kind as CredentialKind) || transportOf(entry.kind as CredentialKind) !== transport) continue;
    const score = prefixScore(entry.urlPrefix, repoUrl.replace(/^git\+ssh:/, "ssh:"));
    if (score > bestScore) {
      best = entry;
      bestScore = score;
    }
  }
  return best;
}
