/**
 * A tiny typed client of Lockstep's REST API for tests: each call returns status and body.
 */
export interface ApiResult<T = unknown> {
  status: number;
  body: T;
  text: string;
}

/** Calls the API of a running server and decodes the JSON answer. */
export async function api<T = Record<string, unknown>>(baseUrl: string, method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, text };
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
