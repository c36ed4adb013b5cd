/**
 * A scripted Lockstep API for the CLI's unit tests: a fetch that answers by `METHOD /path`
 * (query left out), records each request, and captures what a command printed.
 */
import type { CommandContext } from "../context";

/** What a route answers: a status and a JSON body, or a function of the request body. */
export type FakeAnswer = { status: number; body: unknown } | ((body: unknown, url: URL) => { status: number; body: unknown });

/** A fake server's fetch, its requests, and a context whose output is captured. */
export function fakeServer(routes: Record<string, FakeAnswer | FakeAnswer[]>, env: Record<string, string> = {}) {
  const requests: { method: string; url: URL; body: unknown; authorization: string | null }[] = [];
  const counters = new Map<string, number>();
  const fetchImpl = (async (input: string, init: RequestInit = {}) => {
    const url = new URL(input);
    const method = init.method ?? "GET";
    const key = `${method} ${url.pathname}`;
    const body = typeof init.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    requests.push({ method, url, body, authorization: new Headers(init.headers).get("authorization") });
    const route = routes[key];
    if (!route) return Response.json({ error: `No route ${key}.` }, { status: 404 });
    const count = counters.get(key) ?? 0;
    counters.set(key, count + 1);
    const answer = Array.isArray(route) ? route[Math.min(count, route.length - 1)]! : route;
    const { status, body: answerBody } = typeof answer === "function" ? answer(body, url) : answer;
    return Response.json(answerBody, { status });
  }) as unknown as typeof fetch;
  const out = { stdout: "", stderr: "" };
  let clock = 0;
  const context: CommandContext = {
    io: {
      stdout: { write: (text: string) => (out.stdout += text) },
      stderr: { write: (text: string) => (out.stderr += text) },
      env: { LOCKSTEP_SERVER: "https://ls.example.com", LOCKSTEP_TOKEN: "lsp_test", LOCKSTEP_CONFIG: "/nonexistent/lockstep.json", ...env },
    },
    fetchImpl,
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
    pollMs: 1000,
  };
  return { fetchImpl, requests, out, context };
}
