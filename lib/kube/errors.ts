/** Status code and API message of a failed Kubernetes call, when the API answered. */
export interface KubeErrorInfo {
  status?: number;
  reason?: string;
  message: string;
}

function apiBody(error: unknown): { code?: number; body?: unknown } {
  if (typeof error !== "object" || error === null) return {};
  const e = error as { code?: unknown; body?: unknown };
  return { code: typeof e.code === "number" ? e.code : undefined, body: e.body };
}

function parseBody(body: unknown): { message?: string; reason?: string } {
  if (typeof body === "string") {
    try {
      return parseBody(JSON.parse(body));
    } catch {
      return { message: body.slice(0, 500) };
    }
  }
  if (typeof body === "object" && body !== null) {
    const b = body as { message?: unknown; reason?: unknown };
    return {
      message: typeof b.message === "string" ? b.message : undefined,
      reason: typeof b.reason === "string" ? b.reason : undefined,
    };
  }
  return {};
}

/**
 * Turns an error from @kubernetes/client-node (an ApiException, a network error) into a
 * status and one readable message, taken from the API's Status object when there is one.
 */
export function describeKubeError(error: unknown): KubeErrorInfo {
  const { code, body } = apiBody(error);
  const parsed = parseBody(body);
  if (parsed.message) return { status: code, reason: parsed.reason, message: parsed.message };
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const text = error instanceof Error ? error.message : String(error);
  const network = cause?.message ?? text;
  if (/ECONNREFUSED/.test(network)) return { status: code, message: "connection refused by the Kubernetes API server" };
  if (/ENOTFOUND|EAI_AGAIN/.test(network)) return { status: code, message: "the Kubernetes API server's host name does not resolve" };
  return { status: code, message: network.split("\n")[0] ?? network };
}

/** True when the API answered 404 Not Found. */
export function isNotFound(error: unknown): boolean {
  return apiBody(error).code === 404;
}

/** True when the API answered 409 Conflict. */
export function isConflict(error: unknown): boolean {
  return apiBody(error).code === 409;
}
