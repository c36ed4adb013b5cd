import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";

interface ResultFigure {
  id: string;
  value: number | null;
  unavailable: string | null;
  peer: { kind: "measured" | "published"; value: number | null; source?: string } | null;
  peers: { name: string; kind: string; version?: string; value: number | null; unavailable: string | null }[];
}

interface Results {
  complete: boolean;
  environment: { cpuCount: number; nodeVersion: string; kubernetesServerVersion: string; kubectlVersion: string; gitVersion: string; date: string };
  figures: ResultFigure[];
}

/** Runs `tsx bench/run.ts <args>` the way `npm run bench` does, and collects its output. */
function runBench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    /** The benchmark measures its own server on SQLite, whichever database this test run uses. */
    const env = { ...process.env };
    delete env.LOCKSTEP_TEST_DATABASE;
    const child = spawn(process.execPath, [path.resolve("node_modules/.bin/tsx"), "bench/run.ts", ...args], { stdio: ["ignore", "pipe", "pipe"], env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe("the benchmark in quick mode", () => {
  let outDir: string | undefined;

  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  /** Up to 35 min of it is building Argo CD and Flux from a cold Go cache (docs/performance.md, "Peers measured"). */
  it("runs end to end and gives every figure either a number or the reason it has none", { timeout: 75 * 60_000 }, async () => {
    outDir = await mkdtemp(path.join(os.tmpdir(), "lockstep-bench-smoke-"));
    const run = await runBench(["--quick", "--no-build", "--peers", "argocd,flux", "--out", outDir, "--kubeconfig", inject("kubeconfig")]);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);

    const results = JSON.parse(await readFile(path.join(outDir, "results.json"), "utf8")) as Results;
    expect(results.complete).toBe(true);
    const ids = results.figures.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(["diff.n10", "diff.n30", "sync.empty.n30", "sync.resync10.n30", "detect.webhook", "detect.live-change", "rollback.n30", "scale.full-refresh", "scale.refresh-each", "scale.memory", "scale.list-api.p95", "scale.page-usable", "fanout.answer", "fanout.all-refreshed"]));
    for (const figure of results.figures) {
      if (figure.unavailable === null) {
        expect(Number.isFinite(figure.value), `${figure.id} has no number`).toBe(true);
      } else {
        expect(figure.value, figure.id).toBeNull();
        expect(figure.unavailable, figure.id).toMatch(/^not available yet \(feature missing: .+\)$/);
      }
      if (figure.peer?.kind === "published") expect(figure.peer.source, `${figure.id} cites its published figure`).toBeTruthy();
    }
    for (const id of ["diff.n30", "sync.empty.n30", "sync.resync10.n30"]) {
      const figure = results.figures.find((f) => f.id === id);
      expect(figure?.peer?.kind, `${id} is compared with a peer measured in the same run`).toBe("measured");
      expect(Number.isFinite(figure?.peer?.value), `${id} has the peer's number`).toBe(true);
    }
    for (const id of ["sync.empty.n30", "sync.resync10.n30", "detect.live-change", "scale.sync-all", "scale.full-refresh", "fanout.all-refreshed", "scale.memory", "peers.scale-cpu"]) {
      const figure = results.figures.find((f) => f.id === id);
      expect(figure?.peers.map((p) => p.name), `${id} has both GitOps peers`).toEqual([expect.stringMatching(/^Argo CD/), expect.stringMatching(/^Flux/)]);
      for (const peer of figure?.peers ?? []) {
        expect(peer.kind).toBe("measured");
        expect(peer.version, `${id}: ${peer.name} names its version`).toMatch(/v\d+\.\d+\.\d+/);
        expect(peer.unavailable, `${id}: ${peer.name} ran`).toBeNull();
        expect(Number.isFinite(peer.value), `${id}: ${peer.name} has a number`).toBe(true);
      }
    }
    expect(results.environment.cpuCount).toBeGreaterThan(0);
    expect(results.environment.nodeVersion).toMatch(/^v\d+\./);
    expect(results.environment.kubernetesServerVersion).toMatch(/^v\d+\.\d+/);
    expect(results.environment.kubectlVersion).toMatch(/^v\d+\.\d+/);
    expect(run.stdout).toContain("Ratio = peer time");
    const chart = await readFile(path.join(outDir, "chart.html"), "utf8");
    expect(chart).toContain("<svg");
    expect(chart).not.toMatch(/(src|href)="https?:/);
  });
});
