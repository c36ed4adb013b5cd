import { describe, expect, it } from "vitest";
import type { AttemptRow, DeliveryRow } from "@/lib/db/notifications";
import { deliver, type DeliverDependencies } from "./deliver";

/** A delivery store kept in memory, recording each attempt as the database does. */
function memoryStore(row: DeliveryRow) {
  let current = row;
  return {
    get current() {
      return current;
    },
    getSubscriptionRow: async () => ({ channelId: "c1" }) as Awaited<ReturnType<DeliverDependencies["store"]["getSubscriptionRow"]>>,
    getChannelRow: async (id: string) => ({ id, kind: "email" }) as Awaited<ReturnType<DeliverDependencies["store"]["getChannelRow"]>>,
    recordAttempt: async (_id: string, attempt: Omit<AttemptRow, "number">, next: { status: string; nextAttemptAt: Date | null }) => {
      const number = current.attemptCount + 1;
      current = { ...current, ...next, attemptCount: number, lastError: attempt.ok ? null : attempt.error, attempts: [...current.attempts, { ...attempt, number }] };
      return current;
    },
  };
}

const pending: DeliveryRow = {
  id: "d1",
  subscriptionId: "s1",
  trigger: "sync-failed",
  app: "web",
  revision: "abc",
  payload: JSON.stringify({ trigger: "sync-failed", app: "web", project: "default", revision: "abc", message: "m", url: "u", text: "t", at: "2026-12-06T09:00:00.000Z" }),
  status: "pending",
  attemptCount: 0,
  lastError: null,
  nextAttemptAt: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  attempts: [],
};

function answering(...statuses: number[]) {
  const calls: number[] = [];
  const fake = (async () => {
    const status = statuses.shift() ?? 200;
    calls.push(status);
    return new Response(null, { status });
  }) as typeof fetch;
  return { calls, fake };
}

/** Metrics that remember each counted attempt as `channelType/result`. */
function countingMetrics() {
  const counted: string[] = [];
  return { counted, metrics: { notificationDelivered: (channelType: string, result: string) => counted.push(`${channelType}/${result}`) } };
}

function depsOf(store: ReturnType<typeof memoryStore>, fake: typeof fetch, extra: Partial<DeliverDependencies> = {}): DeliverDependencies {
  return {
    store,
    channels: { open: async () => ({ kind: "webhook", name: "hook", url: "https://hooks.example/in", secret: "0123456789abcdef" }) },
    policy: { attempts: 4, backoff: { initialMs: 1, maxMs: 2 }, timeoutMs: 1_000 },
    now: () => 0,
    signal: new AbortController().signal,
    fetch: fake,
    ...extra,
  };
}

describe("deliver", () => {
  it("retries failures and records every attempt until one succeeds", async () => {
    const store = memoryStore(pending);
    const { calls, fake } = answering(500, 502, 200);
    const done = await deliver(pending, depsOf(store, fake));
    expect(calls).toEqual([500, 502, 200]);
    expect(done.status).toBe("sent");
    expect(done.attempts.map((a) => [a.number, a.ok, a.code])).toEqual([
      [1, false, 500],
      [2, false, 502],
      [3, true, 200],
    ]);
    expect(done.lastError).toBeNull();
  });

  it("gives up after the allowed attempts and ends failed with the last error", async () => {
    const store = memoryStore(pending);
    const { calls, fake } = answering(500, 500, 500, 500, 500);
    const done = await deliver(pending, depsOf(store, fake));
    expect(calls).toHaveLength(4);
    expect(done.status).toBe("failed");
    expect(done.lastError).toBe("The receiver answered 500.");
    expect(done.nextAttemptAt).toBeNull();
  });

  it("counts the attempts made before a restart", async () => {
    const resumed = { ...pending, attemptCount: 3 };
    const store = memoryStore(resumed);
    const { calls, fake } = answering(500, 500);
    const done = await deliver(resumed, depsOf(store, fake));
    expect(calls).toHaveLength(1);
    expect(done.status).toBe("failed");
  });

  it("leaves the delivery pending, without an attempt, once this replica no longer owns the app", async () => {
    const store = memoryStore(pending);
    const { calls, fake } = answering();
    const done = await deliver(pending, depsOf(store, fake, { shouldGoOn: () => false }));
    expect(calls).toEqual([]);
    expect(done.status).toBe("pending");
  });

  it("records a channel that cannot be read as a failed attempt, secret-free", async () => {
    const store = memoryStore(pending);
    const { fake } = answering();
    const done = await deliver(pending, depsOf(store, fake, { policy: { attempts: 1, backoff: { initialMs: 1, maxMs: 1 }, timeoutMs: 1_000 }, channels: { open: async () => Promise.reject(new Error("A stored secret was encrypted with key 1234abcd.")) } }));
    expect(done.status).toBe("failed");
    expect(done.lastError).toBe("The channel could not be read: A stored secret was encrypted with key 1234abcd.");
  });

  it("counts every attempt in the metrics by channel type and result", async () => {
    const store = memoryStore(pending);
    const { fake } = answering(500, 200);
    const { counted, metrics } = countingMetrics();
    await deliver(pending, depsOf(store, fake, { metrics }));
    expect(counted).toEqual(["webhook/failed", "webhook/sent"]);
  });

  it("counts an attempt whose channel cannot be opened under the channel's stored type", async () => {
    const store = memoryStore(pending);
    const { fake } = answering();
    const { counted, metrics } = countingMetrics();
    await deliver(pending, depsOf(store, fake, { metrics, policy: { attempts: 2, backoff: { initialMs: 1, maxMs: 1 }, timeoutMs: 1_000 }, channels: { open: async () => Promise.reject(new Error("No key.")) } }));
    expect(counted).toEqual(["email/failed", "email/failed"]);
  });

  it("counts nothing for an attempt whose subscription is gone, since the channel's type is unknown", async () => {
    const store = { ...memoryStore(pending), getSubscriptionRow: async () => Promise.reject(new Error("gone")) };
    const { fake } = answering();
    const { counted, metrics } = countingMetrics();
    const done = await deliver(pending, depsOf(store as unknown as ReturnType<typeof memoryStore>, fake, { metrics, policy: { attempts: 1, backoff: { initialMs: 1, maxMs: 1 }, timeoutMs: 1_000 } }));
    expect(done.attemptCount).toBe(1);
    expect(counted).toEqual([]);
  });
});
