/**
 * The CLI's client of the Lockstep REST API: the server's URL, the bearer token, JSON in and
 * out, and each failure as a CliError carrying its exit code (unreachable or 401: 5; 422: 2;
 * other refusals: 1) with the server's own sentence. The token never appears in an error.
 */
import { ApiError, ServerUnreachableError } from "./errors";
import type { Connection } from "./config";

/** A JSON answer and its status (202 and 200 mean different things for operations). */
export interface ApiAnswer<T> {
  status: number;
  body: T;
}

/** Calls to one server with one token. */
export interface LockstepClient {
  readonly server: string;
  get<T>(path: string, query?: Record<string, string | number | boolean | undefined>): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<ApiAnswer<T>>;
}

/** The path of an app's API, its name encoded: `/api/apps/<name><rest>`. */
export function appPath(name: string, rest = ""): string {
  return `/api/apps/${encodeURIComponent(name)}${rest}`;
}

/** The server's error sentence (and field errors) from an error answer's text. */
export function errorSentence(status: number, text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown; fields?: { field: string; message: string }[] };
    const fields = Array.isArray(body.fields) ? body.fields.map((f) => `${f.field}: ${f.message}`).join("; ") : "";
    const sentence = [typeof body.error === "string" ? body.error : "", fields].filter(Boolean).join(" ");
    if (sentence) return sentence;
  } catch {
    // not JSON: fall through to the status
  }
  return `The server answered ${status}.`;
}

function queryString(query: Record<string, string | number | boolean | undefined> | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** A client of `connection`'s server; `fetchImpl` is injected for tests. */
export function createClient(connection: Connection, fetchImpl: typeof fetch = fetch): LockstepClient {
  const { server, token } = connection;

  async function call<T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await fetchImpl(`${server}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      const reason = (error as { cause?: { code?: string; message?: string } }).cause;
      const cause = reason?.code ?? reason?.message ?? (error instanceof Error ? error.message : String(error));
      throw new ServerUnreachableError(`Cannot reach ${server} (${cause}).`);
    }
    const text = await response.text();
    if (!response.ok) {
      const sentence = errorSentence(response.status, text);
      throw new ApiError(response.status === 401 ? `${server} refused the token: ${sentence}` : sentence, response.status);
    }
    try {
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    } catch {
      throw new ServerUnreachableError(`${server} did not answer JSON; is it a Lockstep server?`);
    }
  }

  return {
    server,
    get: async <T>(path: string, query?: Record<string, string | number | boolean | undefined>) => (await call<T>("GET", `${path}${queryString(query)}`)).body,
    post: <T>(path: string, body?: unknown) => call<T>("POST", path, body),
  };
}
