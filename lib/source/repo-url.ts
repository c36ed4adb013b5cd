/**
 * Repository URLs as users type them, possibly with `user:password@` or a token
 * in them. Lockstep keeps those credentials out of argv, logs, messages and the
 * mirror's config: git gets the bare URL plus a credential helper instead.
 */
import { createHash } from "node:crypto";

import { redactCredentials } from "./redact";
import { SourceError } from "./source-error";

/** Basic-auth credentials taken out of a repository URL. */
export interface RepoCredentials {
  /** User name (for token auth, often the token itself). */
  username: string;
  /** Password or token; empty when the URL carried only a user name. */
  password: string;
}

/** A repository URL split into its credential-free form and its credentials. */
export interface ParsedRepoUrl {
  /** The URL to give git and to show: no user-info. */
  url: string;
  /** The credentials the URL carried, for HTTP(S) URLs that had any. */
  credentials?: RepoCredentials;
}

/**
 * Splits `user:pass@` out of an HTTP(S) URL; other URLs (ssh, scp-like
 * `git@host:org/repo`, local paths) are returned unchanged. Refuses URLs that
 * git would read as an option.
 */
export function parseRepoUrl(repoUrl: string): ParsedRepoUrl {
  const trimmed = repoUrl.trim();
  if (trimmed === "" || trimmed.startsWith("-") || /[\0\r\n]/.test(trimmed)) {
    throw new SourceError(`"${redactCredentials(trimmed)}" is not a valid repository URL`);
  }
  if (!/^https?:\/\//i.test(trimmed)) return { url: trimmed };
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return { url: trimmed };
  }
  if (parsed.username === "" && parsed.password === "") return { url: trimmed };
  const credentials = {
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
  parsed.username = "";
  parsed.password = "";
  return { url: parsed.toString(), credentials };
}

/**
 * The identity of a repository for caching: the URL without credentials or
 * trailing slashes, so rotating a token keeps the same mirror.
 */
export function repoIdentity(repoUrl: string): string {
  return parseRepoUrl(repoUrl).url.replace(/\/+$/, "");
}

/** The first 16 hex digits of the SHA-256 of {@link repoIdentity}: the mirror's directory name. */
export function repoHash(repoUrl: string): string {
  return createHash("sha256").update(repoIdentity(repoUrl)).digest("hex").slice(0, 16);
}
