/**
 * A tiny typed client of Lockstep's REST API for tests: each call returns status and body.
 */
export interface ApiResult<T = unknown> {
  status: number;
  body: T;
  text: string;
}

const serverTokens = new Map<string, string>();

/** Makes {@link api} send `token` to the server at `baseUrl` (the web-server helper registers its admin token). */
export function registerApiToken(baseUrl: string, token: string): void {
  serverTokens.set(baseUrl, token);
}

/** Stops sending a token to the server at `baseUrl`. */
export function forgetApiToken(baseUrl: string): void {
  serverTokens.delete(baseUrl);
}

/** Options of {@link api}. */
export interface ApiOptions {
  /** The bearer token to send; null sends none (anonymous). @default the server's registered admin token */
  token?: string | null;
  /** Extra request headers, e.g. a session `cookie`. */
  headers?: Record<string, string>;
}

/** Calls the API of a running server as its admin (or as `options` say) and decodes the JSON answer. */
export async function api<T = Record<string, unknown>>(baseUrl: string, method: string, path: string, body?: unknown, options: ApiOptions = {}): Promise<ApiResult<T>> {
  const token = options.token === undefined ? serverTokens.get(baseUrl) : options.token;
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...options.headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let decoded: unknown;
  try {
    decoded = text ? JSON.parse(text) : undefined;
  } catch {
    decoded = undefined;
  }
  return { status: response.status, body: decoded as T, text };
}

/** A resource row of the diff endpoint. */
export interface DiffResource {
  subject: string;
  status: "Synced" | "OutOfSync";
  state: "synced" | "modified" | "missing" | "prunable";
  changedPaths: string[];
  diff: string;
}

/** The diff endpoint's answer. */
export interface DiffBody {
  syncStatus: "Synced" | "OutOfSync" | "Unknown";
  conditions: { type: string; message: string }[];
  resources: DiffResource[];
}

/** The sync endpoint's answer: the operation. */
export interface OperationBody {
  id: string;
  phase: string;
  message: string | null;
  results: { subject: string; action: string; message?: string }[];
}
