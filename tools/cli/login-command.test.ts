import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { runCli } from "./main";
import { fakeServer } from "./testing/fake-server";

const me = { status: 200, body: { name: "token:ci", kind: "token", role: "deployer" } };

describe("login", () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "lockstep-login-"));
    file = path.join(dir, "lockstep", "config.json");
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("checks the token, stores server and token readable by the owner only, and never prints the token", async () => {
    const { out, context, requests } = fakeServer({ "GET /api/auth/me": me }, { LOCKSTEP_CONFIG: file, LOCKSTEP_TOKEN: "" });
    context.io = { ...context.io, stdin: (async function* () { yield "lsp_secret_value\n"; })() };
    expect(await runCli(["login", "--server", "https://ls.example.com/", "--token-stdin"], context.io, context)).toBe(0);
    expect(requests[0]!.authorization).toBe("Bearer lsp_secret_value");
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ server: "https://ls.example.com", token: "lsp_secret_value" });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(out.stdout).toBe(`Logged in to https://ls.example.com as token:ci (deployer); saved to ${file}.\n`);
    expect(out.stdout + out.stderr).not.toContain("lsp_secret_value");
  });

  it("lets later commands use the stored server and token", async () => {
    const login = fakeServer({ "GET /api/auth/me": me }, { LOCKSTEP_CONFIG: file, LOCKSTEP_SERVER: "", LOCKSTEP_TOKEN: "" });
    expect(await runCli(["login", "--server", "https://ls.example.com", "--token", "lsp_flag"], login.context.io, login.context)).toBe(0);
    const later = fakeServer({ "GET /api/apps": { status: 200, body: { rows: [], total: 0, page: 1, pageSize: 200 } } }, { LOCKSTEP_CONFIG: file, LOCKSTEP_SERVER: "", LOCKSTEP_TOKEN: "" });
    expect(await runCli(["app", "list"], later.context.io, later.context)).toBe(0);
    expect(later.requests[0]!.url.origin).toBe("https://ls.example.com");
    expect(later.requests[0]!.authorization).toBe("Bearer lsp_flag");
  });

  it("stores nothing and exits 5 when the server refuses the token", async () => {
    const { out, context } = fakeServer({ "GET /api/auth/me": { status: 401, body: { error: "The token is not valid." } } }, { LOCKSTEP_CONFIG: file });
    expect(await runCli(["login", "--server", "https://ls.example.com", "--token", "lsp_wrong"], context.io, context)).toBe(5);
    expect(out.stderr).toBe("lockstep login: https://ls.example.com refused the token: The token is not valid.\n");
    await expect(stat(file)).rejects.toThrow();
  });

  it.each([
    [["--token", "a", "--token-stdin"], "Give the token either with --token or with --token-stdin, not both."],
    [["--token", "a"], "--server is required: the Lockstep server's URL."],
  ])("refuses %j with exit code 2", async (args, message) => {
    const { out, context } = fakeServer({}, { LOCKSTEP_CONFIG: file, LOCKSTEP_SERVER: "" });
    expect(await runCli(["login", ...args], context.io, context)).toBe(2);
    expect(out.stderr).toBe(`lockstep login: ${message}\nRun "lockstep login --help" for usage.\n`);
  });
});
