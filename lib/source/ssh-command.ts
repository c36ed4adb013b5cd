/**
 * Lets git use an SSH private key held in memory: the key (and the trusted
 * host keys) go to owner-only files in a private temporary directory for the
 * duration of one git command, and `GIT_SSH_COMMAND` points ssh at them with
 * strict host-key checking, no agent, no prompts and no user ssh config.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import type { SshKeyCredentials } from "./repo-auth";

/** Quotes `value` for the POSIX shell git runs `GIT_SSH_COMMAND` with. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The `GIT_SSH_COMMAND` for a key file and an optional known-hosts file. */
export function sshCommand(keyFile: string, knownHostsFile?: string): string {
  const options = [
    "-i",
    shellQuote(keyFile),
    "-F",
    "/dev/null",
    "-o",
    "IdentitiesOnly=yes",
    "-o",
    "IdentityAgent=none",
    "-o",
    "BatchMode=yes",
    "-o",
    "StrictHostKeyChecking=yes",
    ...(knownHostsFile ? ["-o", `UserKnownHostsFile=${shellQuote(knownHostsFile)}`, "-o", "GlobalKnownHostsFile=/dev/null"] : []),
  ];
  return `ssh ${options.join(" ")}`;
}

/**
 * Writes the key to a private temporary directory, runs `task` with the
 * environment that makes git use it, and deletes the files afterwards
 * whatever happens.
 */
export async function withSshKey<T>(key: SshKeyCredentials, task: (env: Record<string, string>) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "lockstep-ssh-"));
  try {
    const keyFile = path.join(dir, "id");
    const privateKey = key.privateKey.replace(/\r\n/g, "\n").trim() + "\n";
    await writeFile(keyFile, privateKey, { mode: 0o600 });
    let knownHostsFile: string | undefined;
    if (key.knownHosts?.trim()) {
      knownHostsFile = path.join(dir, "known_hosts");
      await writeFile(knownHostsFile, key.knownHosts.trim() + "\n", { mode: 0o600 });
    }
    return await task({ GIT_SSH_COMMAND: sshCommand(keyFile, knownHostsFile), GIT_SSH_VARIANT: "ssh" });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
