/**
 * A smart-HTTP Git server for tests and the demo: a loopback `node:http` server
 * that hands each request to git's own `git http-backend` CGI, the way
 * Apache or nginx front it in production (see git-http-backend(1)). Clients
 * therefore speak the exact protocol — v2, gzip bodies, 401 challenges — that
 * they would against a real Git host.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";

import { hasValidBasicAuth, type BasicCredentials } from "./basic-auth";
import { buildCgiEnv } from "./cgi";
import { serveWithHttpBackend } from "./http-backend";
import { toRepoNameSegments } from "./repo-paths";

const LOOPBACK = "127.0.0.1";

/** Options for {@link startGitServer}. */
export interface GitServerOptions {
  /** Directory whose bare repositories are served (`GIT_PROJECT_ROOT`). */
  root: string;
  /** When set, every request needs these basic-auth credentials or gets a 401. */
  auth?: BasicCredentials;
  /**
   * Whether clients may push (`git-receive-pack`).
   * @default true when `auth` is set, false otherwise
   */
  allowPush?: boolean;
  /**
   * TCP port on 127.0.0.1; 0 picks a free one.
   * @default 0
   */
  port?: number;
  /**
   * Realm in the `WWW-Authenticate` challenge.
   * @default "lockstep-test"
   */
  realm?: string;
}

/** A running server returned by {@link startGitServer}. */
export interface GitServer {
  /** Base URL without credentials, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The port the server listens on. */
  port: number;
  /** Clone URL of the repository `name` under the root, e.g. `http://127.0.0.1:41234/config.git`. */
  repoUrl(name: string): string;
  /** Stops accepting connections, waits for in-flight requests and their git processes, then resolves. Idempotent. */
  close(): Promise<void>;
}

type ServerSettings = Required<Omit<GitServerOptions, "auth">> & Pick<GitServerOptions, "auth">;

function withDefaults(options: GitServerOptions): ServerSettings {
  return {
    root: path.resolve(options.root),
    auth: options.auth,
    allowPush: options.allowPush ?? options.auth !== undefined,
    port: options.port ?? 0,
    realm: options.realm ?? "lockstep-test",
  };
}

/**
 * Starts serving the bare repositories under `root` over smart HTTP on
 * 127.0.0.1 only. Credentials are never logged and never appear in `url`.
 */
export async function startGitServer(options: GitServerOptions): Promise<GitServer> {
  const settings = withDefaults(options);
  const inFlight = new Set<Promise<void>>();
  let isClosing = false;

  const server = createServer((request, response) => {
    if (isClosing) response.setHeader("Connection", "close");
    const handled = handleRequest(request, response, settings);
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  });
  const port = await listen(server, settings.port);
  const url = `http://${LOOPBACK}:${port}`;

  let closed: Promise<void> | undefined;
  const close = () => {
    isClosing = true;
    closed ??= (async () => {
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      server.closeIdleConnections();
      await serverClosed;
    })();
    return closed;
  };

  return {
    url,
    port,
    repoUrl: (name) => `${url}/${toRepoNameSegments(name).map(encodeURIComponent).join("/")}`,
    close,
  };
}

async function handleRequest(request: IncomingMessage, response: ServerResponse, settings: ServerSettings): Promise<void> {
  try {
    if (settings.auth && !hasValidBasicAuth(request.headers.authorization, settings.auth)) {
      request.resume();
      response.writeHead(401, {
        "WWW-Authenticate": `Basic realm="${settings.realm}"`,
        "Content-Type": "text/plain; charset=utf-8",
      });
      response.end("Authentication required\n");
      return;
    }
    const url = new URL(request.url ?? "/", `http://${LOOPBACK}`);
    const env = buildCgiEnv(request, url, {
      projectRoot: settings.root,
      allowPush: settings.allowPush,
      remoteUser: settings.auth?.username,
    });
    await serveWithHttpBackend(request, response, env);
  } catch {
    request.resume();
    if (!response.headersSent) response.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" });
    response.end("Bad request\n");
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: LOOPBACK, port }, () => {
      server.off("error", reject);
      const address = server.address();
      if (address && typeof address === "object") resolve(address.port);
      else reject(new Error("Git server did not report a TCP address"));
    });
  });
}
