/** A JSON call to Lockstep's API from the browser; the error is the API's own sentence. */
export async function callApi<T>(method: string, path: string, body?: unknown): Promise<{ ok: true; body: T } | { ok: false; error: string }> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const decoded = (await response.json().catch(() => undefined)) as (T & { error?: string; fields?: { message: string }[] }) | undefined;
  if (!response.ok) return { ok: false, error: decoded?.fields?.map((f) => f.message).join(" ") || decoded?.error || `The server answered ${response.status}.` };
  return { ok: true, body: decoded as T };
}

/** Splits "a, b c" into ["a", "b", "c"]. */
export function splitList(value: FormDataEntryValue | null): string[] {
  return String(value ?? "")
    .split(/[\s,]+/)
    .filter((s) => s !== "");
}
