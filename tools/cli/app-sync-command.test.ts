import { describe, expect, it } from "vitest";

import { DEFAULT_SERVER, parseAppSyncArgs, runAppSync, syncHttpRequest, UsageError } from "./app-sync-command";

const env = { LOCKSTEP_TOKEN: "lsp_token" };

function capture(environment: Record<string, string> = env) {
  const out = { stdout: "", stderr: "" };
  const io = { stdout: { write: (text: string) => (out.stdout += text) }, stderr: { write: (text: string) => (out.stderr += text) }, env: environment };
  return { out, io };
}

function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return Response.json(body, { status, headers });
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}

describe("parseAppSyncArgs", () => {
  it("reads the name and flags, with the default server", () => {
    expect(parseAppSyncArgs(["web", "--wait", "--prune", "--dry-run"], env)).toEqual({
      server: DEFAULT_SERVER,
      token: "lsp_token",
      name: "web",
      wait: true,
      prune: true,
      dryRun: true,
      json: false,
    });
  });

  it("leaves prune to the app's policy when the flag is absent", () => {
    const request = parseAppSyncArgs(["web"], env);
    expect(request).not.toHaveProperty("prune");
    expect(request).toMatchObject({ wait: false, dryRun: false });
  });

  it("takes the server from LOCKSTEP_SERVER, without a trailing slash", () => {
    expect(parseAppSyncArgs(["web"], { ...env, LOCKSTEP_SERVER: "https://lockstep.example.com/" })).toMatchObject({ server: "https://lockstep.example.com" });
  });

  it("answers help for --help", () => {
    expect(parseAppSyncArgs(["--help"], {})).toBe("help");
  });

  it.each([
    [[], "exactly one application name"],
    [["a", "b"], "exactly one application name"],
    [["Not_An_App"], "is not an application name"],
    [["web", "--force"], "Unknown option"],
  ])("refuses %j as bad usage", (args, message) => {
    expect(() => parseAppSyncArgs(args, env)).toThrow(UsageError);
    expect(() => parseAppSyncArgs(args, env)).toThrow(message);
  });

  it("refuses to run without a token or with a server that is not an http URL", () => {
    expect(() => parseAppSyncArgs(["web"], {})).toThrow(/LOCKSTEP_TOKEN is required/);
    expect(() => parseAppSyncArgs(["web"], { ...env, LOCKSTEP_SERVER: "ftp://x" })).toThrow(/http or https URL/);
  });
});

describe("syncHttpRequest", () => {
  it("posts the options to the app's sync route with the token, waiting when asked", () => {
    const { url, init } = syncHttpRequest({ server: DEFAULT_SERVER, token: "lsp_t", name: "web", wait: true, prune: false, dryRun: false, json: false });
    expect(url).toBe("http://localhost:3000/api/apps/web/sync?wait=true");
    expect(init.method).toBe("POST");
    expect((init.headers as Record<string, string>).authorization).toBe("Bearer lsp_t");
    expect(JSON.parse(init.body as string)).toEqual({ dryRun: false, prune: false });
  });
});

describe("runAppSync", () => {
  it("exits 0 once the sync is queued, naming the operation", async () => {
    const { out, io } = capture();
    const { calls, fetchImpl } = answering(202, { id: "op1", phase: "Running" }, { location: "/api/apps/web/operations/op1" });
    expect(await runAppSync(["web"], io, fetchImpl)).toBe(0);
    expect(calls[0]!.url).toBe("http://localhost:3000/api/apps/web/sync");
    expect(out.stdout).toContain("queued as operation op1");
  });

  it("exits 0 when a waited-for sync succeeded and 1 when it failed", async () => {
    expect(await runAppSync(["web", "--wait"], capture().io, answering(200, { id: "op1", phase: "Succeeded" }).fetchImpl)).toBe(0);
    const { out, io } = capture();
    expect(await runAppSync(["web", "--wait"], io, answering(200, { id: "op1", phase: "Failed", message: "one resource failed" }).fetchImpl)).toBe(1);
    expect(out.stdout).toContain("Failed: one resource failed");
  });

  it("exits 2 on bad usage without calling the server", async () => {
    const { out, io } = capture();
    const { calls, fetchImpl } = answering(202, {});
    expect(await runAppSync([], io, fetchImpl)).toBe(2);
    expect(calls).toEqual([]);
    expect(out.stderr).toContain("exactly one application name");
  });

  it("exits 1 with the server's sentence when it refuses", async () => {
    const { out, io } = capture();
    expect(await runAppSync(["web"], io, answering(403, { error: "token:ci may not deploy the app \"web\"." }).fetchImpl)).toBe(1);
    expect(out.stderr).toBe('lockstep app sync: token:ci may not deploy the app "web".\n');
  });
});
