/** What the server and its render threads say to each other. */
import type { DirectoryRenderRequest } from "./directory-render";

/** A render asked of a thread; `id` pairs it with its reply. */
export interface RenderThreadRequest {
  id: number;
  render: DirectoryRenderRequest;
}

/** A thread's answer: the encoded objects, or what went wrong. */
export type RenderThreadReply =
  | { id: number; encoded: Uint8Array; error?: undefined }
  | { id: number; encoded?: undefined; error: { message: string; render: boolean } };
