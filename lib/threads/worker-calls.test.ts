import { Worker } from "node:worker_threads";

import { afterEach, describe, expect, it, vi } from "vitest";

import { WorkerCalls } from "./worker-calls";

/**
 * A worker speaking the calls' protocol: `echo` answers at once, `refuse` answers a failure,
 * `hold` waits for a `release`, which answers the held calls last first and then itself,
 * `stray` first sends a reply no call waits for; `throw` and `exit` end the worker.
 */
const WORKER = `
const { parentPort } = require("node:worker_threads");
const held = [];
parentPort.on("message", (request) => {
  const answer = (r) => parentPort.postMessage({ id: r.id, value: r.value });
  switch (request.op) {
    case "echo": return answer(request);
    case "refuse": return parentPort.postMessage({ id: request.id, failure: request.value });
    case "hold": return held.push(request);
    case "release": held.splice(0).reverse().forEach(answer); return answer(request);
    case "stray": parentPort.postMessage({ id: request.id + 1000, value: "stray" }); return answer(request);
    case "throw": throw new Error(request.value);
    case "exit": process.exit(request.value);
  }
});
`;

interface Request {
  op: "echo" | "refuse" | "hold" | "release" | "stray" | "throw" | "exit";
  value?: unknown;
}

interface Reply {
  id: number;
  value?: unknown;
  failure?: string;
}

interface Harness {
  calls: WorkerCalls<Request, Reply, unknown>;
  worker: Worker;
  /** Whether the worker keeps the process alive, as its last `ref()` or `unref()` left it. */
  isRefd: () => boolean;
  onIdle: ReturnType<typeof vi.fn>;
  onEnd: ReturnType<typeof vi.fn>;
}

const started: Harness[] = [];

function start(): Harness {
  const worker = new Worker(WORKER, { eval: true });
  let refd = true;
  const ref = worker.ref.bind(worker);
  const unref = worker.unref.bind(worker);
  vi.spyOn(worker, "ref").mockImplementation(() => {
    refd = true;
    ref();
  });
  vi.spyOn(worker, "unref").mockImplementation(() => {
    refd = false;
    unref();
  });
  const onIdle = vi.fn();
  const onEnd = vi.fn();
  const calls = new WorkerCalls<Request, Reply, unknown>(worker, {
    answer: (reply) => {
      if (reply.failure !== undefined) throw new Error(`refused: ${reply.failure}`);
      return reply.value;
    },
    failedError: (error) => new Error(`the worker failed: ${error.message}`),
    exitError: (code) => new Error(`the worker stopped (exit code ${code})`),
    onIdle,
    onEnd,
  });
  const harness = { calls, worker, isRefd: () => refd, onIdle, onEnd };
  started.push(harness);
  return harness;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map(({ calls }) => calls.close(new Error("the test is over"))));
});

describe("WorkerCalls", () => {
  it("answers each call with the reply that carries its number", async () => {
    const { calls } = start();
    expect(await Promise.all(["a", "b", "c"].map((value) => calls.call({ op: "echo", value })))).toEqual(["a", "b", "c"]);
    expect(calls.size).toBe(0);
  });

  it("answers replies that come out of order, and ignores a reply no call waits for", async () => {
    const { calls } = start();
    const order: unknown[] = [];
    const answered = (value: unknown) => order.push(value);
    const first = calls.call({ op: "hold", value: "first" }).then(answered);
    const second = calls.call({ op: "hold", value: "second" }).then(answered);
    expect(calls.size).toBe(2);
    expect(await calls.call({ op: "stray", value: "stray-call" })).toBe("stray-call");
    const last = calls.call({ op: "release", value: "release" }).then(answered);
    await Promise.all([first, second, last]);
    expect(order).toEqual(["second", "first", "release"]);
  });

  it("fails a call with what its reply's answer throws, and answers the next one", async () => {
    const { calls } = start();
    await expect(calls.call({ op: "refuse", value: "no" })).rejects.toThrow("refused: no");
    expect(await calls.call({ op: "echo", value: "yes" })).toBe("yes");
  });

  it("fails every waiting call and every later one when the worker throws", async () => {
    const { calls, onEnd } = start();
    const held = [calls.call({ op: "hold", value: 1 }), calls.call({ op: "hold", value: 2 })].map((call) => call.catch((error: unknown) => error));
    const thrown = calls.call({ op: "throw", value: "boom" }).catch((error: unknown) => error);
    for (const error of await Promise.all([...held, thrown])) expect((error as Error).message).toBe("the worker failed: boom");
    await expect(calls.call({ op: "echo" })).rejects.toThrow("the worker failed: boom");
    await vi.waitFor(() => expect(onEnd).toHaveBeenCalledTimes(1));
    expect((onEnd.mock.calls[0]?.[0] as Error).message).toBe("the worker failed: boom");
    expect(calls.size).toBe(0);
  });

  it("fails every waiting call and every later one when the worker exits", async () => {
    const { calls, onEnd } = start();
    const held = calls.call({ op: "hold", value: 1 }).catch((error: unknown) => error);
    await expect(calls.call({ op: "exit", value: 3 })).rejects.toThrow("the worker stopped (exit code 3)");
    expect(((await held) as Error).message).toBe("the worker stopped (exit code 3)");
    await expect(calls.call({ op: "echo" })).rejects.toThrow("the worker stopped (exit code 3)");
    expect(onEnd).toHaveBeenCalledTimes(1);
  });

  it("fails waiting and later calls with the reason it is closed with, and stops the worker", async () => {
    const { calls, worker, onEnd } = start();
    const held = calls.call({ op: "hold", value: 1 }).catch((error: unknown) => error);
    const exited = new Promise((resolve) => worker.once("exit", resolve));
    await calls.close(new Error("closed"));
    expect(((await held) as Error).message).toBe("closed");
    await expect(calls.call({ op: "echo" })).rejects.toThrow("closed");
    await exited;
    expect(onEnd).not.toHaveBeenCalled();
  });

  it("keeps the process alive only while a call waits", async () => {
    const { calls, isRefd, onIdle } = start();
    expect(isRefd()).toBe(false);
    const held = calls.call({ op: "hold", value: "held" });
    expect(isRefd()).toBe(true);
    expect(await calls.call({ op: "echo", value: "quick" })).toBe("quick");
    expect(isRefd()).toBe(true);
    expect(onIdle).not.toHaveBeenCalled();
    await calls.call({ op: "release" });
    expect(await held).toBe("held");
    expect(isRefd()).toBe(false);
    expect(onIdle).toHaveBeenCalledTimes(1);
    const again = calls.call({ op: "echo", value: "again" });
    expect(isRefd()).toBe(true);
    await again;
    expect(isRefd()).toBe(false);
    expect(onIdle).toHaveBeenCalledTimes(2);
  });
});
