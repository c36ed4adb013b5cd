/**
 * `lockstep set-image <image> --repo <url> --path <dir>`: what a CI pipeline
 * runs after pushing an image, to declare it in the config repository.
 * Credentials come from the environment only (never from flags, which CI
 * logs echo): `LOCKSTEP_REPO_TOKEN` (+ `LOCKSTEP_REPO_USERNAME`) for HTTPS,
 * `LOCKSTEP_REPO_SSH_KEY[_FILE]` (+ `LOCKSTEP_REPO_KNOWN_HOSTS[_FILE]`) for SSH.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";

import { DEFAULT_AUTHOR, DEFAULT_MAX_ATTEMPTS, IMAGE_SPEC_EXAMPLE, isSetImageError, parseImageSpec, setImage, type GitAuthor } from "@/lib/cd";
import { redactCredentials, type RepoAuth } from "@/lib/source";

import type { CliIo } from "./io";

export const SET_IMAGE_USAGE = `Usage: lockstep set-image <image> --repo <url> --path <dir|file> [options]

Sets one entry of the images: list of a kustomization.yaml in a Git repository,
commits and pushes it. Re-running with the same image commits nothing.

  <image>             name=new-name:tag, name:tag or name@sha256:…  (e.g. ${IMAGE_SPEC_EXAMPLE})
  --repo <url>        config repository (https://… or git@host:org/repo.git)
  --path <dir|file>   the kustomization directory or file in the repository
  --branch <name>     branch to commit to (default: the repository's default branch)
  --message <text>    commit message (default: "Set image <name> to <image>")
  --author <who>      "Name <email>" (default: "${DEFAULT_AUTHOR.name} <${DEFAULT_AUTHOR.email}>")
  --attempts <n>      pushes to try when other pipelines push first (default: ${DEFAULT_MAX_ATTEMPTS})
  --json              print the result as JSON

Environment:
  LOCKSTEP_REPO_TOKEN         HTTPS token or password
  LOCKSTEP_REPO_USERNAME      HTTPS user name (default: x-access-token)
  LOCKSTEP_REPO_SSH_KEY       SSH private key (or LOCKSTEP_REPO_SSH_KEY_FILE: its path)
  LOCKSTEP_REPO_KNOWN_HOSTS   known_hosts lines for the SSH host (or LOCKSTEP_REPO_KNOWN_HOSTS_FILE)
`;

/** Thrown for bad usage; exit code 2. */
class UsageError extends Error {}

async function fromValueOrFile(env: CliIo["env"], name: string): Promise<string | undefined> {
  const value = env[name];
  if (value?.trim()) return value;
  const file = env[`${name}_FILE`];
  if (!file?.trim()) return undefined;
  try {
    return await readFile(file, "utf8");
  } catch {
    throw new UsageError(`${name}_FILE names "${file}", which cannot be read.`);
  }
}

/** The credentials the environment provides, or `undefined` to use those in the URL (if any). */
export async function authFromEnv(env: CliIo["env"]): Promise<RepoAuth | undefined> {
  const token = env.LOCKSTEP_REPO_TOKEN;
  const privateKey = await fromValueOrFile(env, "LOCKSTEP_REPO_SSH_KEY");
  if (!token && !privateKey) return undefined;
  const auth: RepoAuth = {};
  if (token) auth.basic = { username: env.LOCKSTEP_REPO_USERNAME?.trim() || "x-access-token", password: token };
  if (privateKey) auth.ssh = { privateKey, knownHosts: await fromValueOrFile(env, "LOCKSTEP_REPO_KNOWN_HOSTS") };
  return auth;
}

function parseAuthor(text: string | undefined): GitAuthor | undefined {
  if (text === undefined) return undefined;
  const match = /^\s*([^<>]+?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(text);
  if (!match?.[1] || !match[2]) throw new UsageError(`--author must look like "Name <email@example.com>".`);
  return { name: match[1], email: match[2] };
}

function parseAttempts(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const attempts = Number(text);
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 50) throw new UsageError("--attempts must be a whole number from 1 to 50.");
  return attempts;
}

function readArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        repo: { type: "string" },
        path: { type: "string" },
        branch: { type: "string" },
        message: { type: "string" },
        author: { type: "string" },
        attempts: { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Runs `set-image` and resolves with the exit code: 0 committed or already set, 1 failed, 2 bad usage or input. */
export async function runSetImage(args: readonly string[], io: CliIo): Promise<number> {
  const secrets = [io.env.LOCKSTEP_REPO_TOKEN ?? ""].filter((s) => s.length >= 4);
  const say = (stream: CliIo["stdout"], text: string) => stream.write(`${redactCredentials(text, { secrets })}\n`);
  try {
    const { values, positionals } = readArgs(args);
    if (values.help) {
      io.stdout.write(SET_IMAGE_USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(`set-image takes exactly one image, e.g. ${IMAGE_SPEC_EXAMPLE}.`);
    if (!values.repo) throw new UsageError("--repo is required: the config repository's URL.");
    if (!values.path) throw new UsageError("--path is required: the kustomization directory or file in the repository.");
    const image = parseImageSpec(positionals[0] ?? "");
    const result = await setImage({
      repoUrl: values.repo,
      branch: values.branch,
      path: values.path,
      image,
      message: values.message,
      author: parseAuthor(values.author),
      maxAttempts: parseAttempts(values.attempts),
      auth: await authFromEnv(io.env),
      onProgress: values.json ? undefined : (line) => say(io.stderr, line),
    });
    if (values.json) say(io.stdout, JSON.stringify(result));
    else say(io.stdout, result.message);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      say(io.stderr, `lockstep set-image: ${error.message}\nRun "lockstep set-image --help" for usage.`);
      return 2;
    }
    if (isSetImageError(error)) {
      say(io.stderr, `lockstep set-image: ${error.message}${error.detail ? `\n  Git said: ${error.detail}` : ""}`);
      return error.kind === "invalid" ? 2 : 1;
    }
    say(io.stderr, `lockstep set-image: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
