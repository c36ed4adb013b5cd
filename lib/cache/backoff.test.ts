import { describe, expect, it } from "vitest";

import { backoffDelay } from "@/lib/retry";

import { WATCH_BACKOFF } from "./backoff";

describe("WATCH_BACKOFF", () => {
  it.each([
    ["the first reconnect waits 250 ms", 1, 1, 250],
    ["each failure doubles the wait", 4, 1, 2_000],
    ["the wait never exceeds 15 s", 50, 1, 15_000],
    ["jitter takes off at most a fifth", 1, 0, 200],
    ["jitter takes a fifth off the cap too", 50, 0, 12_000],
  ])("%s", (_name, failures, random, expected) => {
    expect(backoffDelay(failures, WATCH_BACKOFF, random)).toBe(expected);
  });
});
