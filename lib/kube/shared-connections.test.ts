import { describe, expect, it } from "vitest";
import { sharedConnections, type RequestMiddleware } from "./shared-connections";

type Request = Parameters<RequestMiddleware["pre"]>[0];

/** A request as the client hands it to middleware: its own dispatcher, headers. */
function request(dispatcher: object | undefined): { request: Request; dispatcher: () => unknown; headers: Map<string, string> } {
  let current: unknown = dispatcher;
  const headers = new Map<string, string>();
  const plain = {
    getDispatcher: () => current,
    setDispatcher: (next: unknown) => {
      current = next;
    },
    setHeaderParam: (key: string, value: string) => headers.set(key, value),
  };
  return { request: plain as unknown as Request, dispatcher: () => current, headers };
}

describe("sharedConnections", () => {
  it("gives every request after the first the first request's dispatcher, and names Lockstep as the user agent", async () => {
    const middleware = sharedConnections();
    const first = { pool: "first" };
    const a = request(first);
    const b = request({ pool: "second" });
    const c = request({ pool: "third" });
    for (const r of [a, b, c]) await middleware.pre(r.request).toPromise();
    expect([a.dispatcher(), b.dispatcher(), c.dispatcher()]).toEqual([first, first, first]);
    expect(b.dispatcher()).toBe(first);
    expect(c.headers.get("User-Agent")).toBe("lockstep");
  });

  it("leaves a request without a dispatcher (plain HTTP) as it is", async () => {
    const middleware = sharedConnections();
    const plain = request(undefined);
    await middleware.pre(plain.request).toPromise();
    expect(plain.dispatcher()).toBeUndefined();
  });
});
