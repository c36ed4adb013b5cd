import { describe, expect, it } from "vitest";
import { measureGit, type SourceMetrics } from "./source-metrics";

function recorder() {
  const requests: Parameters<SourceMetrics["gitRequest"]>[0][] = [];
  const metrics: SourceMetrics = { gitRequest: (r) => requests.push(r), rendered: () => {} };
  return { metrics, requests };
}

describe("measureGit", () => {
  it("reports a request that answered well, with its duration", async () => {
    const { metrics, requests } = recorder();
    await expect(measureGit(metrics, "fetch", async () => "done")).resolves.toBe("done");
    expect(requests).toEqual([{ operation: "fetch", seconds: expect.any(Number), ok: true }]);
    expect(requests[0]!.seconds).toBeGreaterThanOrEqual(0);
  });

  it("reports a result the caller judges failed, and a rejection, as errors", async () => {
    const { metrics, requests } = recorder();
    await measureGit(metrics, "ls-remote", async () => ({ exitCode: 128 }), (r) => r.exitCode === 0);
    await expect(measureGit(metrics, "fetch", async () => Promise.reject(new Error("unreachable")))).rejects.toThrow("unreachable");
    expect(requests.map((r) => [r.operation, r.ok])).toEqual([
      ["ls-remote", false],
      ["fetch", false],
    ]);
  });

  it("only runs the request when there is nothing to report to", async () => {
    await expect(measureGit(undefined, "fetch", async () => 7)).resolves.toBe(7);
  });
});
