import { SourceError } from "./source-error";

/**
 * Turning a commit's files into objects failed: a missing path, invalid YAML, a
 * Kustomize error, duplicate objects. The message is exactly what the app's
 * `ComparisonError` condition shows, so it names the file or object at fault
 * and never holds a stack trace.
 */
export class RenderError extends SourceError {}

/** Whether `error` is a {@link RenderError}. */
export function isRenderError(error: unknown): error is RenderError {
  return error instanceof RenderError;
}
