/**
 * The HTTP-level hook, installed once from `instrumentation.ts` through the engine: through Node's
 * `diagnostics_channel`, it sees every request the server receives before Next.js does, and
 * every response when its connection is done with it. On arrival it stamps the request id and
 * client address; when the response closes it appends the request's audit note, if the proxy
 * opened one, with the status sent. Being below every route, page and server action, this is
 * the one place an audit entry cannot be forgotten.
 */
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Audit } from "./audit";
import type { RequestStamp } from "./request-context";

const REQUEST_START = "http.server.request.start";

/** What the hook works with. */
export interface RequestHookDependencies {
  /** Whose notes are appended when responses close. */
  audit: Pick<Audit, "recordResponse">;
  /** The stamp put on arriving requests (readers must use the same one). */
  stamp: Pick<RequestStamp, "stampRequest">;
  /** Where a failure to append is reported. @default console.error */
  logError?: (message: string) => void;
}

/**
 * Subscribes the hook to this process's HTTP server requests; answers the function that
 * unsubscribes it. The engine installs it once, with its own Audit and stamp
 * (`Engine.installRequestHook`).
 */
export function installRequestHook(deps: RequestHookDependencies): () => void {
  const logError = deps.logError ?? ((message: string) => console.error(message));
  const onRequest = (message: unknown): void => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    const requestId = deps.stamp.stampRequest(request);
    response.once("close", () => {
      const status = response.writableFinished ? response.statusCode : 0;
      deps.audit.recordResponse(requestId, status).catch((error: unknown) => {
        logError(`Could not append to the audit log: ${error instanceof Error ? error.message : String(error)}`);
      });
    });
  };
  subscribe(REQUEST_START, onRequest);
  return () => {
    unsubscribe(REQUEST_START, onRequest);
  };
}
