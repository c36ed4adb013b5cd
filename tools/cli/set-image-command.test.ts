import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { authFromEnv, runSetImage } from "./set-image-command";

function capture() {
  const out = { stdout: "", stderr: "" };
  return {
    out,
    io: (env: Record<string, string> = {}) => ({
      stdout: { write: (text: string) => (out.stdout += text) },
      stderr: { write: (text: string) => (out.stderr += text) },
      env,
    }),
  };
}

describe("authFromEnv", () => {
  it("reads an HTTPS token with a default user name", async () => {
    expect(await authFromEnv({ LOCKSTEP_REPO_TOKEN: "tok" })).toEqual({ basic: { username: "x-access-token", password: "tok" } });
    expect(await authFromEnv({ LOCKSTEP_REPO_TOKEN: "tok", LOCKSTEP_REPO_USERNAME: "bot" })).toEqual({ basic: { username: "bot", password: "tok" } });
  });

  it("reads an SSH key and known hosts from files", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "lockstep-cli-"));
    try {
      await writeFile(path.join(dir, "id"), "KEY");
      await writeFile(path.join(dir, "known_hosts"), "host ssh-ed25519 AAAA");
      const auth = await authFromEnv({ LOCKSTEP_REPO_SSH_KEY_FILE: path.join(dir, "id"), LOCKSTEP_REPO_KNOWN_HOSTS_FILE: path.join(dir, "known_hosts") });
      expect(auth).toEqual({ ssh: { privateKey: "KEY", knownHosts: "host ssh-ed25519 AAAA" } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("gives nothing when the environment names no credentials", async () => {
    expect(await authFromEnv({})).toBeUndefined();
  });
});

describe("runSetImage", () => {
  it.each([
    [["guestbook:1.0"], "--repo is required: the config repository's URL."],
    [["guestbook:1.0", "--repo", "https://git.example/c.git"], "--path is required: the kustomization directory or file in the repository."],
    [["--repo", "https://git.example/c.git", "--path", "apps"], "set-image takes exactly one image, e.g. guestbook=registry.example.com/team/guestbook:1.4.2."],
    [["guestbook:1.0", "--repo", "r", "--path", "p", "--attempts", "0"], "--attempts must be a whole number from 1 to 50."],
    [["guestbook:1.0", "--repo", "r", "--path", "p", "--author", "nobody"], '--author must look like "Name <email@example.com>".'],
  ])("refuses %j with exit code 2 and one sentence", async (args, message) => {
    const { out, io } = capture();
    expect(await runSetImage(args, io())).toBe(2);
    expect(out.stderr).toBe(`lockstep set-image: ${message}\nRun "lockstep set-image --help" for usage.\n`);
  });

  it("prints its usage on --help", async () => {
    const { out, io } = capture();
    expect(await runSetImage(["--help"], io())).toBe(0);
    expect(out.stdout).toContain("Usage: lockstep set-image <image> --repo <url> --path <dir|file> [options]");
  });
});
