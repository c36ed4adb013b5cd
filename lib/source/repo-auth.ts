/**
 * How `lib/source` finds the credentials for a repository: credentials typed
 * into the URL win; otherwise the source's credential lookup is asked, which the
 * engine points at the encrypted repository credentials in the database.
 * Secrets therefore never have to be written into URLs, argv or mirror configs.
 */
import { parseRepoUrl, type RepoCredentials } from "./repo-url";

/** An SSH private key, with the host keys to trust for it. */
export interface SshKeyCredentials {
  /** The private key in OpenSSH or PEM format. */
  privateKey: string;
  /**
   * `known_hosts` lines trusted for this repository; when absent, the
   * system's and the user's known-hosts files are used. Unknown hosts are
   * always refused (`StrictHostKeyChecking=yes`).
   */
  knownHosts?: string;
}

/** The credentials to talk to one repository with. */
export interface RepoAuth {
  /** HTTP(S) basic credentials (user name and password or token). */
  basic?: RepoCredentials;
  /** An SSH key, for `ssh://` and `user@host:path` URLs. */
  ssh?: SshKeyCredentials;
}

/** Answers the credentials for a credential-free repository URL, or `undefined` for none. */
export type CredentialLookup = (repoUrl: string) => Promise<RepoAuth | undefined>;

/** A repository URL ready for git: without user-info, plus what to authenticate with. */
export interface AuthenticatedRemote {
  /** The URL to give git and to show: no credentials in it. */
  url: string;
  /** What to answer the server's challenge with; empty for a public repository. */
  auth: RepoAuth;
}

/**
 * Splits credentials out of `repoUrl`; when it carried none, asks `credentials`
 * (the source's lookup). Never puts a secret into the returned URL.
 */
export async function authenticateRemote(repoUrl: string, credentials?: CredentialLookup): Promise<AuthenticatedRemote> {
  const parsed = parseRepoUrl(repoUrl);
  if (parsed.credentials) return { url: parsed.url, auth: { basic: parsed.credentials } };
  const auth = credentials ? await credentials(parsed.url) : undefined;
  return { url: parsed.url, auth: auth ?? {} };
}

/** The literal secrets of `auth`, for scrubbing messages: the password or token, and the private key. */
export function secretsOfAuth(auth: RepoAuth | undefined): string[] {
  if (!auth) return [];
  const secrets: string[] = [];
  const basicSecret = auth.basic ? auth.basic.password || auth.basic.username : "";
  if (basicSecret.length >= 4) secrets.push(basicSecret);
  if (auth.ssh) secrets.push(...auth.ssh.privateKey.split("\n").map((line) => line.trim()).filter((line) => line.length >= 16));
  return secrets;
}
