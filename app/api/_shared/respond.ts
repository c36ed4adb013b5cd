import { z } from "zod";
import { fieldErrors } from "@/lib/apps/spec";
import { isDomainError, isValidationError, ValidationError, type DomainErrorKind } from "@/lib/errors";

/** A JSON error body: one sentence, plus field-by-field problems for invalid input. */
export interface ErrorBody {
  error: string;
  fields?: { field: string; message: string }[];
}

/** The one place a domain error's kind becomes an HTTP status. */
export const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  "not-found": 404,
  conflict: 409,
  invalid: 422,
  unreachable: 502,
  refused: 403,
  unauthenticated: 401,
  forbidden: 403,
  "rate-limited": 429,
  misconfigured: 500,
};

/** Maps any thrown error to a JSON response without leaking internals. */
export function errorResponse(error: unknown): Response {
  if (error instanceof z.ZodError || (error instanceof Error && error.name === "ZodError" && Array.isArray((error as { issues?: unknown }).issues))) {
    const fields = fieldErrors(error as z.ZodError);
    return Response.json({ error: "The request is invalid.", fields } satisfies ErrorBody, { status: 422 });
  }
  if (isValidationError(error)) {
    return Response.json({ error: "The request is invalid.", fields: error.fields } satisfies ErrorBody, { status: 422 });
  }
  if (isDomainError(error)) {
    const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    const headers: HeadersInit = error.kind === "rate-limited" && typeof retryAfter === "number" ? { "Retry-After": String(retryAfter) } : {};
    return Response.json({ error: error.message } satisfies ErrorBody, { status: STATUS_OF_KIND[error.kind], headers });
  }
  console.error(error);
  return Response.json({ error: "Internal error; the server log has the details." } satisfies ErrorBody, { status: 500 });
}

/** Runs a handler body and answers its result as JSON, or the error mapped to a status. */
export async function respond(run: () => Promise<unknown>, status = 200): Promise<Response> {
  try {
    const body = await run();
    return body === undefined ? new Response(null, { status: 204 }) : Response.json(body, { status });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Parses a JSON body with a schema; a body that is not JSON is a 422 too. */
export async function parseJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  let body: unknown = {};
  const text = await request.text();
  if (text.trim()) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new ValidationError([{ field: "(body)", message: "The body must be JSON." }]);
    }
  }
  return schema.parse(body);
}
