import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { configPath, DEFAULT_SERVER, readConfig, resolveConnection, writeConfig } from "./config";
import { UsageError } from "./errors";

const stored = { server: "https://lockstep.example.com", token: "lsp_stored" };

describe("configPath", () => {
  it("prefers LOCKSTEP_CONFIG, then XDG_CONFIG_HOME, then ~/.config", () => {
    expect(configPath({ LOCKSTEP_CONFIG: "/etc/ls.json", XDG_CONFIG_HOME: "/x" })).toBe("/etc/ls.json");
    expect(configPath({ XDG_CONFIG_HOME: "/x", HOME: "/home/me" })).toBe("/x/lockstep/config.json");
    expect(configPath({ HOME: "/home/me" })).toBe("/home/me/.config/lockstep/config.json");
  });
});

describe("readConfig and writeConfig", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "lockstep-cli-config-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes a file only its owner can read, in a new folder, and reads it back", async () => {
    const file = path.join(dir, "nested", "lockstep", "config.json");
    await writeConfig(file, stored);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect(await readConfig(file)).toEqual(stored);
  });

  it("tightens the mode of a file that was readable by others when writing it again", async () => {
    const file = path.join(dir, "config.json");
    await writeFile(file, "{}", { mode: 0o644 });
    await writeConfig(file, stored);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual(stored);
  });

  it("answers nothing when there is no file, and a sentence naming a malformed one", async () => {
    expect(await readConfig(path.join(dir, "none.json"))).toBeUndefined();
    const file = path.join(dir, "bad.json");
    await writeFile(file, '{"server": 1}');
    await expect(readConfig(file)).rejects.toThrow(`The config file ${file} is not valid; run "lockstep login" again.`);
  });
});

describe("resolveConnection", () => {
  it("takes flags first, then the environment, then the config file", () => {
    const env = { LOCKSTEP_SERVER: "https://env.example.com/", LOCKSTEP_TOKEN: "lsp_env" };
    expect(resolveConnection({ server: "https://flag.example.com", token: "lsp_flag" }, env, stored)).toEqual({ server: "https://flag.example.com", token: "lsp_flag" });
    expect(resolveConnection({}, env, stored)).toEqual({ server: "https://env.example.com", token: "lsp_env" });
    expect(resolveConnection({}, {}, stored)).toEqual(stored);
  });

  it("falls back to the default server, and to no token when nothing gives one", () => {
    expect(resolveConnection({}, {}, undefined)).toEqual({ server: DEFAULT_SERVER });
  });

  it("never sends the stored token to a server other than the stored one", () => {
    expect(resolveConnection({ server: "https://other.example.com" }, {}, stored)).toEqual({ server: "https://other.example.com" });
    expect(resolveConnection({}, { LOCKSTEP_SERVER: "https://lockstep.example.com/" }, stored)).toEqual(stored);
  });

  it("refuses a server that is not an http URL, naming where it came from", () => {
    expect(() => resolveConnection({ server: "ftp://x" }, {}, undefined)).toThrow(new UsageError(`--server must be an http or https URL such as ${DEFAULT_SERVER}.`));
    expect(() => resolveConnection({}, { LOCKSTEP_SERVER: "not a url" }, undefined)).toThrow(/^LOCKSTEP_SERVER must be a URL/);
  });
});
