import { z } from "zod";
import { fieldErrors } from "@/lib/apps/spec";
import { isLockstepError, ValidationError } from "@/lib/errors";

/** A JSON error body: one sentence, plus field-by-field problems for invalid input. */
export interface ErrorBody {
  error: string;
  fields?: { field: string; message: string }[];
}

/** Maps any thrown error to a JSON response without leaking internals. */
export function errorResponse(error: unknown): Response {
  if (error instanceof z.ZodError) {
    const fields = fieldErrors(error);
    return Response.json({ error: "The request is invalid.", fields } satisfies ErrorBody, { status: 422 });
  }
  if (error instanceof ValidationError) {
    return Response.json({ error: "The request is invalid.", fields: error.fields } satisfies ErrorBody, { status: 422 });
  }
  if (isLockstepError(error)) return Response.json({ error: error.message } satisfies ErrorBody, { status: error.status });
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
