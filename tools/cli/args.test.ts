import { describe, expect, it } from "vitest";

import { parseAppName, parseOutput, parseResource, parseTimeout, readArgs, SERVER_OPTIONS, takePositionals } from "./args";
import { UsageError } from "./errors";

const options = { ...SERVER_OPTIONS, wait: { type: "boolean" }, timeout: { type: "string" } } as const;

describe("readArgs", () => {
  it("reads flags, short flags and positionals", () => {
    const { values, positionals } = readArgs(["web", "-o", "json", "--wait", "--timeout", "5m"], options);
    expect(positionals).toEqual(["web"]);
    expect(values).toMatchObject({ output: "json", wait: true, timeout: "5m" });
  });

  it.each([
    [["--force"], 'Unknown option "--force".'],
    [["--timeout"], "--timeout needs a value."],
    [["-o"], "-o needs a value."],
    [["--wait=yes"], "--wait takes no value."],
  ])("turns %j into one sentence", (args, message) => {
    expect(() => readArgs(args, options)).toThrow(new UsageError(message));
  });
});

describe("takePositionals", () => {
  it("answers the positionals when their number is right, and names them otherwise", () => {
    expect(takePositionals(["web", "op1"], "app rollback", ["name", "historyId"])).toEqual(["web", "op1"]);
    expect(() => takePositionals(["web"], "app rollback", ["name", "historyId"])).toThrow("app rollback takes <name> <historyId> and nothing else.");
    expect(() => takePositionals(["x"], "app list", [])).toThrow("app list takes no arguments.");
  });
});

describe("parseAppName", () => {
  it("accepts a DNS label and refuses anything else", () => {
    expect(parseAppName("web-1")).toBe("web-1");
    expect(() => parseAppName("Web_1")).toThrow('"Web_1" is not an application name');
    expect(() => parseAppName("a".repeat(64))).toThrow(UsageError);
  });
});

describe("parseOutput", () => {
  it("defaults to a table and refuses unknown formats", () => {
    expect(parseOutput(undefined)).toBe("table");
    expect(parseOutput("yaml")).toBe("yaml");
    expect(() => parseOutput("xml")).toThrow('-o must be table, json or yaml, not "xml".');
  });
});

describe("parseTimeout", () => {
  it("reads a duration, falls back when absent, and refuses a bare number", () => {
    expect(parseTimeout("90s", 1)).toBe(90_000);
    expect(parseTimeout(undefined, 300_000)).toBe(300_000);
    expect(() => parseTimeout("90", 1)).toThrow(UsageError);
  });
});

describe("parseResource", () => {
  it("turns group/kind/namespace/name into the server's subject", () => {
    expect(parseResource("apps/Deployment/web/frontend")).toBe("Deployment.apps/web/frontend");
    expect(parseResource("/ConfigMap/web/settings")).toBe("ConfigMap/web/settings");
    expect(parseResource("/Namespace//web")).toBe("Namespace/web");
  });

  it.each(["Deployment/web/frontend", "apps/Deployment/web/", "a/b/c/d/e"])("refuses %j", (text) => {
    expect(() => parseResource(text)).toThrow(/^--resource must be group\/kind\/namespace\/name/);
  });
});
