import { get } from "node:http";
import { apiRequest, type ApiConnection } from "./api";
import { loopback } from "./ports";

/** The outcome of one readiness probe. */
export interface Probe {
  ok: boolean;
  /** Human-readable detail: the response body or the connection error. */
  detail: string;
}

/** Fetches a plain-HTTP URL and checks the status code. */
function httpProbe(url: string): Promise<Probe> {
  return new Promise((resolve) => {
    const req = get(url, { timeout: 2_000 }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      res.on("end", () => resolve({ ok: res.statusCode === 200, detail: body.trim() }));
    });
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", (error) => resolve({ ok: false, detail: error.message }));
  });
}

/** The failing checks of a `/readyz` or `/healthz` body (`[-]...` lines), or the whole body when there are none. */
function failingChecks(body: string): string {
  const failing = body.split("\n").filter((line) => line.startsWith("[-]"));
  return failing.length > 0 ? failing.join("; ") : body.trim();
}

/** GETs `path` over TLS and reports whether it answered 200. */
async function httpsProbe(connection: ApiConnection, path: string): Promise<Probe> {
  try {
    const response = await apiRequest(connection, "GET", path, { timeoutMs: 2_000 });
    return { ok: response.status === 200, detail: failingChecks(response.body) || `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
}

/** etcd's own `/health` endpoint. */
export function probeEtcd(clientPort: number): Promise<Probe> {
  return httpProbe(`http://${loopback}:${clientPort}/health`);
}

/** The apiserver's `/readyz`, which passes once storage and post-start hooks (RBAC bootstrap included) are done. */
export function probeApiserver(connection: ApiConnection): Promise<Probe> {
  return httpsProbe(connection, "/readyz");
}

/** `/healthz` on a control-plane component's secure port (always allowed without authorization). */
export function probeComponent(connection: ApiConnection): Promise<Probe> {
  return httpsProbe(connection, "/healthz");
}

/** True once the controller-manager has created the `default` ServiceAccount in `default`. */
export async function hasDefaultServiceAccount(connection: ApiConnection): Promise<boolean> {
  const response = await apiRequest(connection, "GET", "/api/v1/namespaces/default/serviceaccounts/default");
  return response.status === 200;
}

/** True once kwok has set the node's Ready condition to True. */
export async function isNodeReady(connection: ApiConnection, nodeName: string): Promise<boolean> {
  const response = await apiRequest(connection, "GET", `/api/v1/nodes/${nodeName}`);
  if (response.status !== 200) return false;
  const node = JSON.parse(response.body) as { status?: { conditions?: { type: string; status: string }[] } };
  return node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}
