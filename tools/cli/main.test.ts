import { describe, expect, it } from "vitest";

import { runCli, usage } from "./main";
import { fakeServer } from "./testing/fake-server";

describe("runCli", () => {
  it("prints the overview with every command and the exit codes on --help", async () => {
    const { out, context } = fakeServer({});
    expect(await runCli(["--help"], context.io)).toBe(0);
    expect(out.stdout).toBe(usage());
    for (const name of ["login", "app list", "app get", "app diff", "app history", "app wait", "app sync", "app rollback", "app terminate", "set-image"]) expect(out.stdout).toContain(`  ${name} `);
    expect(out.stdout).toContain("4  timed out while waiting");
  });

  it("exits 2 with the overview when no command is given or the command is unknown", async () => {
    const none = fakeServer({});
    expect(await runCli([], none.context.io)).toBe(2);
    const unknown = fakeServer({});
    expect(await runCli(["app", "deploy"], unknown.context.io)).toBe(2);
    expect(unknown.out.stderr).toMatch(/^lockstep app: unknown subcommand "deploy"; there are list, get, diff, history, wait, sync, rollback, terminate\./);
  });

  it("exits 2 with one sentence and a pointer to the command's help for a bad flag, before any request", async () => {
    const { out, context, requests } = fakeServer({});
    expect(await runCli(["app", "sync", "web", "--wait", "--timeout", "soon"], context.io, context)).toBe(2);
    expect(out.stderr).toBe('lockstep app sync: --timeout must be a duration such as 90s, 5m or 1h30m (at most 24h), not "soon".\nRun "lockstep app sync --help" for usage.\n');
    expect(requests).toEqual([]);
  });

  it.each([
    [401, 5],
    [403, 1],
    [404, 1],
  ])("exits with the code of an answer %d, printing the server's sentence", async (status, code) => {
    const { out, context } = fakeServer({ "GET /api/apps/web": { status, body: { error: "Not for you." } } });
    expect(await runCli(["app", "get", "web"], context.io, context)).toBe(code);
    expect(out.stderr).toMatch(/^lockstep app get: .*Not for you\.\n$/);
    expect(out.stderr).not.toContain("lsp_test");
  });
});
