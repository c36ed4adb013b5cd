/**
 * Runs one `git http-backend` CGI process for one HTTP request: the request body
 * goes to its stdin (still gzip-encoded if the client compressed it — the backend
 * inflates it itself when `HTTP_CONTENT_ENCODING` says so), and its stdout is
 * split into the CGI header block and a body streamed with backpressure.
 */
import { spawn } from "node:child_process";
import type { IncomingMessage, ServerResponse } from "node:http";

import { findBodyStart, parseCgiHead } from "./cgi";
import { toSpawnEnv, type GitEnv } from "./git-env";

const MAX_HEAD_BYTES = 64 * 1024;
const MAX_STDERR_BYTES = 8 * 1024;

/**
 * Serves `request` by running `git http-backend` with `env`. Resolves once the
 * child has exited and the response is finished or abandoned; never rejects.
 * If the client goes away mid-response, that child (and only it) is killed.
 */
export function serveWithHttpBackend(
  request: IncomingMessage,
  response: ServerResponse,
  env: GitEnv,
): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn("git", ["http-backend"], { env: toSpawnEnv(env), stdio: ["pipe", "pipe", "pipe"] });
    const stderr = collectStderr(child.stderr);
    let head = Buffer.alloc(0);
    let isHeadSent = false;

    const fail = (status: number, message: string) => {
      if (!response.headersSent) response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" });
      response.end(`${message}\n`);
    };

    child.stdout.on("data", (chunk: Buffer) => {
      let body = chunk;
      if (!isHeadSent) {
        head = Buffer.concat([head, chunk]);
        const bodyStart = findBodyStart(head);
        if (bodyStart < 0) {
          if (head.length > MAX_HEAD_BYTES) child.kill();
          return;
        }
        const parsed = parseCgiHead(head.subarray(0, bodyStart).toString("latin1"));
        response.statusCode = parsed.status;
        if (parsed.statusMessage) response.statusMessage = parsed.statusMessage;
        for (const [name, value] of parsed.headers) response.appendHeader(name, value);
        isHeadSent = true;
        body = head.subarray(bodyStart);
      }
      if (body.length > 0 && !response.write(body)) {
        child.stdout.pause();
        response.once("drain", () => child.stdout.resume());
      }
    });

    child.stdout.on("end", () => {
      if (isHeadSent) response.end();
      else fail(502, `git http-backend produced no response: ${stderr().trim() || "no output"}`);
    });

    child.on("error", (error) => fail(500, `could not run git http-backend: ${error.message}`));

    const isChildRunning = () => child.exitCode === null && child.signalCode === null;
    response.on("close", () => {
      if (!response.writableFinished && isChildRunning()) child.kill();
    });

    child.stdin.on("error", () => undefined);
    request.pipe(child.stdin);

    const responseDone = new Promise<void>((done) => response.once("close", done));
    const childDone = new Promise<void>((done) => child.once("close", () => done()));
    void Promise.all([childDone, responseDone]).then(() => resolve());
    void childDone.then(() => request.resume());
  });
}

/** Keeps the first few kilobytes of stderr for error responses. */
function collectStderr(stream: NodeJS.ReadableStream): () => string {
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on("data", (chunk: Buffer) => {
    if (size >= MAX_STDERR_BYTES) return;
    chunks.push(chunk);
    size += chunk.length;
  });
  return () => Buffer.concat(chunks).toString("utf8").slice(0, MAX_STDERR_BYTES);
}
