#!/usr/bin/env node
/**
 * The `lockstep` command. The CLI is written in TypeScript (tools/cli/); this
 * launcher registers tsx's loader with the project's tsconfig, so `@/` imports
 * resolve, and hands it the arguments. Exit codes: 0 done (healthy and synced), 1 failed,
 * 2 bad usage, 3 degraded, 4 timed out, 5 server unreachable or token refused (tools/cli/exit-codes.ts).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const api = register({ namespace: "lockstep-cli", tsconfig: path.join(root, "tsconfig.json") });
const { runCli } = await api.import("../tools/cli/main.ts", import.meta.url);
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
