import { describe, expect, it } from "vitest";

import { ApiError, CliError, exitCodeOf, ServerUnreachableError, UsageError, WaitTimeoutError } from "./errors";
import { EXIT, EXIT_CODES_HELP, exitCodeOfHealth, exitCodeOfPhase } from "./exit-codes";

describe("exit codes", () => {
  it("give each outcome its own code", () => {
    expect(new Set(Object.values(EXIT)).size).toBe(Object.keys(EXIT).length);
  });

  it("are all listed in the help text", () => {
    for (const code of Object.values(EXIT)) expect(EXIT_CODES_HELP).toMatch(new RegExp(`^  ${code}  `, "m"));
  });

  it.each([
    ["Succeeded", 0],
    ["Failed", 1],
    ["Error", 1],
    ["Running", 0],
  ])("map the operation phase %s to %d", (phase, code) => {
    expect(exitCodeOfPhase(phase)).toBe(code);
  });

  it("map Degraded health to 3 and any other health to 0", () => {
    expect(exitCodeOfHealth("Degraded")).toBe(3);
    expect(exitCodeOfHealth("Progressing")).toBe(0);
    expect(exitCodeOfHealth(undefined)).toBe(0);
  });

  it("map each error to its code, and an unexpected one to 1", () => {
    expect(exitCodeOf(new UsageError("x"))).toBe(2);
    expect(exitCodeOf(new WaitTimeoutError("x"))).toBe(4);
    expect(exitCodeOf(new ServerUnreachableError("x"))).toBe(5);
    expect(exitCodeOf(new ApiError("x", 401))).toBe(5);
    expect(exitCodeOf(new ApiError("x", 422))).toBe(2);
    expect(exitCodeOf(new ApiError("x", 409))).toBe(1);
    expect(exitCodeOf(new CliError("x", EXIT.degraded))).toBe(3);
    expect(exitCodeOf(new TypeError("bug"))).toBe(1);
  });
});
