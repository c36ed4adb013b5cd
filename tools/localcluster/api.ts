import { readFile } from "node:fs/promises";
import { request } from "node:https";
import type { CertPair } from "./pki";

/** How to reach and authenticate to an apiserver (or any component's secure port). */
export interface ApiConnection {
  /** Base URL, e.g. `https://127.0.0.1:40123`. */
  server: string;
  ca: Buffer;
  client?: { cert: Buffer; key: Buffer };
}

/** A decoded HTTP response. */
export interface ApiResponse {
  status: number;
  body: string;
}

/** Loads the PEM files of a connection. */
export async function loadConnection(server: string, caCert: string, client?: CertPair): Promise<ApiConnection> {
  return {
    server,
    ca: await readFile(caCert),
    client: client && { cert: await readFile(client.cert), key: await readFile(client.key) },
  };
}

/**
 * Sends one JSON request over mutual TLS. Kept dependency-free (no
 * @kubernetes/client-node) because the cluster scripts only need a handful of
 * calls: readiness, one ServiceAccount and one Node.
 */
export function apiRequest(
  connection: ApiConnection,
  method: "GET" | "POST",
  path: string,
  options: { body?: unknown; timeoutMs?: number } = {},
): Promise<ApiResponse> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, connection.server),
      {
        method,
        ca: connection.ca,
        cert: connection.client?.cert,
        key: connection.client?.key,
        headers: payload ? { "content-type": "application/json", accept: "application/json" } : {},
        timeout: options.timeoutMs ?? 5_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`request to ${connection.server}${path} timed out`)));
    req.on("error", reject);
    req.end(payload);
  });
}
