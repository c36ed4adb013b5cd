/**
 * The entry of a render thread (see `render-threads`): answers each directory render request
 * with its encoded objects, or with the error's message and whether it was a RenderError.
 */
import { parentPort } from "node:worker_threads";

import { renderDirectoryEncoded } from "./directory-render";
import type { RenderThreadReply, RenderThreadRequest } from "./render-thread-messages";
import { isRenderError } from "./render-error";

const port = parentPort;
if (port) {
  port.on("message", (request: RenderThreadRequest) => {
    renderDirectoryEncoded(request.render).then(
      (encoded) => port.postMessage({ id: request.id, encoded } satisfies RenderThreadReply, [encoded.buffer as ArrayBuffer]),
      (error: unknown) =>
        port.postMessage({ id: request.id, error: { message: error instanceof Error ? error.message : String(error), render: isRenderError(error) } } satisfies RenderThreadReply),
    );
  });
}
