/**
 * One repository, many spellings: `https://Git.Example/org/app.git`,
 * `ssh://git@git.example:22/org/app`, `git@git.example:org/app.git` all name
 * the same repository. {@link repoLocation} reduces a URL to its parts so that
 * webhooks can be matched to apps and credentials to repositories whatever
 * form each was written in.
 */

/** How git reaches the repository. */
export type RepoTransport = "http" | "ssh" | "git" | "file";

/** A repository URL reduced to comparable parts. */
export interface RepoLocation {
  /** `http` for http and https, `ssh` for `ssh://` and scp-like `user@host:path`. */
  transport: RepoTransport;
  /**
   * The URL scheme, lower-cased: `https`, `http`, `ssh` (also for `git+ssh://` and scp-like
   * `user@host:path`), `git` or `file`. Credentials match on it exactly, so a token stored for
   * `https://host` is never sent over plain `http://host`.
   */
  scheme: string;
  /** Lower-cased host name; empty for local paths. */
  host: string;
  /** The port when it is not the transport's default (443/80 for HTTP(S), 22 for SSH). */
  port?: number;
  /** The path without leading or trailing slashes and without a `.git` suffix, e.g. `org/app`. */
  path: string;
}

const DEFAULT_PORTS: Record<string, number> = { "https:": 443, "http:": 80, "ssh:": 22, "git:": 9418 };
const SCP_LIKE = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.*)$/;

function cleanPath(raw: string): string {
  let clean = raw;
  try {
    clean = decodeURIComponent(raw);
  } catch {
    // keep the raw path
  }
  return clean.replace(/^\/+|\/+$/g, "").replace(/\.git$/i, "").replace(/\/+$/, "");
}

/**
 * Splits a repository URL into transport, host, port and path, dropping
 * credentials, default ports, the `.git` suffix and trailing slashes. Returns
 * `undefined` for text that is not a repository URL.
 */
export function repoLocation(repoUrl: string): RepoLocation | undefined {
  const url = repoUrl.trim();
  if (url === "") return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    const protocol = parsed.protocol.toLowerCase();
    const transport: RepoTransport | undefined =
      protocol === "https:" || protocol === "http:" ? "http" : protocol === "ssh:" || protocol === "git+ssh:" ? "ssh" : protocol === "git:" ? "git" : protocol === "file:" ? "file" : undefined;
    if (!transport) return undefined;
    const port = parsed.port === "" ? undefined : Number(parsed.port);
    const isDefaultPort = port === undefined || DEFAULT_PORTS[protocol] === port;
    const scheme = protocol === "git+ssh:" ? "ssh" : protocol.slice(0, -1);
    return { transport, scheme, host: parsed.hostname.toLowerCase(), ...(isDefaultPort ? {} : { port }), path: cleanPath(parsed.pathname) };
  }
  const scp = SCP_LIKE.exec(url);
  if (scp && !url.startsWith("/") && !url.startsWith(".")) {
    return { transport: "ssh", scheme: "ssh", host: (scp[1] ?? "").toLowerCase(), path: cleanPath(scp[2] ?? "") };
  }
  if (url.startsWith("/")) return { transport: "file", scheme: "file", host: "", path: cleanPath(url) };
  return undefined;
}

/**
 * The key under which webhooks match apps: host and path, case-insensitive,
 * ignoring transport and port, so an app on `git@host:org/app.git` matches a
 * push whose payload names `https://host/org/app`.
 */
export function repoMatchKey(repoUrl: string): string | undefined {
  const location = repoLocation(repoUrl);
  if (!location) return undefined;
  return `${location.host}/${location.path}`.toLowerCase();
}
