import { access, readFile, stat } from "node:fs/promises";

import { describe, expect, it } from "vitest";

import { sshCommand, withSshKey } from "./ssh-command";

const KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----";

describe("sshCommand", () => {
  it("checks host keys strictly, never prompts, and ignores agents and user config", () => {
    const command = sshCommand("/tmp/dir/id", "/tmp/dir/known_hosts");
    expect(command).toBe(
      "ssh -i '/tmp/dir/id' -F /dev/null -o IdentitiesOnly=yes -o IdentityAgent=none -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile='/tmp/dir/known_hosts' -o GlobalKnownHostsFile=/dev/null",
    );
  });

  it("quotes paths for the shell git runs it with", () => {
    expect(sshCommand("/tmp/it's here/id")).toContain(`-i '/tmp/it'\\''s here/id'`);
  });
});

describe("withSshKey", () => {
  it("writes the key and known hosts owner-only for the task, and removes them afterwards", async () => {
    let keyFile = "";
    await withSshKey({ privateKey: KEY, knownHosts: "git.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl" }, async (env) => {
      keyFile = /-i '([^']+)'/.exec(env.GIT_SSH_COMMAND ?? "")?.[1] ?? "";
      const knownHosts = /UserKnownHostsFile='([^']+)'/.exec(env.GIT_SSH_COMMAND ?? "")?.[1] ?? "";
      expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
      expect(await readFile(keyFile, "utf8")).toBe(`${KEY}\n`);
      expect(await readFile(knownHosts, "utf8")).toMatch(/^git\.example ssh-ed25519 /);
    });
    await expect(access(keyFile)).rejects.toThrow();
  });

  it("removes the key even when the task fails", async () => {
    let keyFile = "";
    await expect(
      withSshKey({ privateKey: KEY }, async (env) => {
        keyFile = /-i '([^']+)'/.exec(env.GIT_SSH_COMMAND ?? "")?.[1] ?? "";
        expect(env.GIT_SSH_COMMAND).not.toContain("UserKnownHostsFile");
        throw new Error("git failed");
      }),
    ).rejects.toThrow("git failed");
    await expect(access(keyFile)).rejects.toThrow();
  });
});
