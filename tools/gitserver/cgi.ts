/**
 * The CGI side of the fixture Git server: the meta-variables `git http-backend`
 * reads (RFC 3875 plus the `GIT_*` ones it documents) and parsing of the header
 * block it prints before the body.
 */
import type { IncomingMessage } from "node:http";

import { configEnv, isolatedGitEnv, type GitEnv } from "./git-env";

/** What {@link buildCgiEnv} needs to know besides the request. */
export interface CgiContext {
  /** Directory holding the repositories (`GIT_PROJECT_ROOT`). */
  projectRoot: string;
  /** Whether `git-receive-pack` (push) is served (`http.receivepack`). */
  allowPush: boolean;
  /** Authenticated user, passed as `REMOTE_USER`. */
  remoteUser?: string;
}

/** A parsed CGI header block. */
export interface CgiHead {
  /** HTTP status from the `Status:` header, 200 when absent. */
  status: number;
  /** Reason phrase from the `Status:` header, if any. */
  statusMessage?: string;
  /** The other headers, in order; a name may repeat. */
  headers: Array<[name: string, value: string]>;
}

/**
 * The environment for one `git http-backend` run. Only what the backend needs is
 * passed — notably never the `Authorization` header — and receive-pack is set
 * explicitly so the push policy does not depend on `REMOTE_USER`.
 */
export function buildCgiEnv(request: IncomingMessage, url: URL, context: CgiContext): GitEnv {
  const header = (name: string) => headerValue(request.headers[name]);
  const isChunked = header("transfer-encoding") !== undefined;
  const optional: Record<string, string | undefined> = {
    CONTENT_TYPE: header("content-type"),
    CONTENT_LENGTH: isChunked ? undefined : header("content-length"),
    HTTP_CONTENT_ENCODING: header("content-encoding"),
    HTTP_GIT_PROTOCOL: header("git-protocol"),
    REMOTE_USER: context.remoteUser,
    AUTH_TYPE: context.remoteUser === undefined ? undefined : "Basic",
  };
  return {
    ...isolatedGitEnv(),
    ...configEnv({ "http.receivepack": String(context.allowPush), "http.uploadpack": "true" }),
    GATEWAY_INTERFACE: "CGI/1.1",
    SERVER_PROTOCOL: `HTTP/${request.httpVersion}`,
    SERVER_SOFTWARE: "lockstep-gitserver",
    REQUEST_METHOD: request.method ?? "GET",
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.replace(/^\?/, ""),
    REMOTE_ADDR: request.socket.remoteAddress ?? "127.0.0.1",
    GIT_PROJECT_ROOT: context.projectRoot,
    GIT_HTTP_EXPORT_ALL: "1",
    ...Object.fromEntries(Object.entries(optional).filter((entry): entry is [string, string] => entry[1] !== undefined)),
  };
}

/**
 * Finds the end of a CGI header block (a blank line, `\r\n\r\n` or `\n\n`) and
 * returns the offset where the body starts, or -1 when it is not complete yet.
 */
export function findBodyStart(buffer: Buffer): number {
  const crlf = buffer.indexOf("\r\n\r\n");
  const lf = buffer.indexOf("\n\n");
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return crlf + 4;
  return lf >= 0 ? lf + 2 : -1;
}

/** Parses a CGI header block such as `Status: 404 Not Found\r\nContent-Type: text/plain`. */
export function parseCgiHead(block: string): CgiHead {
  const head: CgiHead = { status: 200, headers: [] };
  for (const line of block.split(/\r?\n/)) {
    const separator = line.indexOf(":");
    if (separator <= 0) continue;
    const name = line.slice(0, separator).trim();
    const value = line.slice(separator + 1).trim();
    if (name.toLowerCase() !== "status") {
      head.headers.push([name, value]);
      continue;
    }
    const match = /^(\d{3})\s*(.*)$/.exec(value);
    if (match?.[1]) {
      head.status = Number(match[1]);
      head.statusMessage = match[2] || undefined;
    }
  }
  return head;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
}
