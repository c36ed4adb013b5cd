import { describe, expect, it } from "vitest";

import { runProcess } from "./process";

describe("runProcess", () => {
  it("captures output and the exit code", async () => {
    const result = await runProcess("sh", ["-c", "echo out; echo err >&2; exit 3"], { env: process.env, timeoutMs: 10_000 });
    expect(result).toEqual({ exitCode: 3, stdout: "out\n", stderr: "err\n", timedOut: false, aborted: false, outputExceeded: false });
  });

  it("kills the process once its output passes the limit, and keeps only what fit", async () => {
    const result = await runProcess("sh", ["-c", "yes lockstep | head -c 10000000; sleep 30"], { env: process.env, timeoutMs: 20_000, maxOutputBytes: 1000 });
    expect(result.outputExceeded).toBe(true);
    expect(result.timedOut).toBe(false);
    expect(result.stdout.length).toBeLessThanOrEqual(1000);
  });

  it("kills the whole process group on timeout, helpers included", async () => {
    const started = Date.now();
    const result = await runProcess("sh", ["-c", "sleep 30 & sleep 30"], { env: process.env, timeoutMs: 200 });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("kills the process when the signal aborts", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await runProcess("sleep", ["30"], { env: process.env, timeoutMs: 30_000, signal: controller.signal });
    expect(result.aborted).toBe(true);
  });
});
