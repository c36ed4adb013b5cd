/**
 * The HTTP-level hook, installed once from `instrumentation.ts`: through Node's
 * `diagnostics_channel`, it sees every request the server receives before Next.js does, and
 * every response when its connection is done with it. On arrival it stamps the request id and
 * client address; when the response closes it appends the request's audit note, if the proxy
 * opened one, with the status sent. Being below every route, page and server action, this is
 * the one place an audit entry cannot be forgotten.
 */
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { appendAuditEntry } from "@/lib/db/audit";
import { resultOfStatus, takeAuditNote } from "./notes";
import {
  CLIENT_ADDRESS_HEADER,
  clientAddress,
  INTERNAL_HEADER_PREFIX,
  newRequestId,
  processStamp,
  REQUEST_ID_HEADER,
  STAMP_HEADER,
} from "./request-context";

function stamp(request: IncomingMessage): string {
  for (const name of Object.keys(request.headers)) {
    if (name.startsWith(INTERNAL_HEADER_PREFIX)) delete request.headers[name];
  }
  const requestId = newRequestId();
  request.headers[REQUEST_ID_HEADER] = requestId;
  request.headers[CLIENT_ADDRESS_HEADER] = clientAddress(request.socket.remoteAddress, request.headers["x-forwarded-for"]);
  request.headers[STAMP_HEADER] = processStamp();
  return requestId;
}

async function record(requestId: string, response: ServerResponse): Promise<void> {
  const note = takeAuditNote(requestId);
  if (!note) return;
  const status = response.writableFinished ? response.statusCode : 0;
  const detail = note.detail ?? (status === 0 ? "The connection closed before the answer was complete." : null);
  await appendAuditEntry({ ...note, result: note.result ?? resultOfStatus(status), status, detail });
}

const globalForHook = globalThis as unknown as { lockstepRequestHook?: boolean };

/** Installs the hook once per process. */
export function installRequestHook(): void {
  if (globalForHook.lockstepRequestHook) return;
  globalForHook.lockstepRequestHook = true;
  processStamp();
  subscribe("http.server.request.start", (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    const requestId = stamp(request);
    response.once("close", () => {
      record(requestId, response).catch((error: unknown) => {
        console.error(`Could not append to the audit log: ${error instanceof Error ? error.message : String(error)}`);
      });
    });
  });
}
