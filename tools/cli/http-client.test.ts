import { describe, expect, it } from "vitest";

import { ApiError, ServerUnreachableError } from "./errors";
import { EXIT } from "./exit-codes";
import { appPath, createClient, errorSentence } from "./http-client";

function answering(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(typeof body === "string" ? body : JSON.stringify(body), { status });
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}

const connection = { server: "https://ls.example.com", token: "lsp_secret" };

describe("createClient", () => {
  it("sends the bearer token and the query, and decodes JSON", async () => {
    const { calls, fetchImpl } = answering(200, { rows: [] });
    expect(await createClient(connection, fetchImpl).get("/api/apps", { page: 2, q: undefined })).toEqual({ rows: [] });
    expect(calls[0]!.url).toBe("https://ls.example.com/api/apps?page=2");
    expect((calls[0]!.init.headers as Record<string, string>).authorization).toBe("Bearer lsp_secret");
  });

  it("posts JSON and answers the status with the body", async () => {
    const { calls, fetchImpl } = answering(202, { id: "op1" });
    expect(await createClient(connection, fetchImpl).post(appPath("web", "/sync"), { prune: true })).toEqual({ status: 202, body: { id: "op1" } });
    expect(calls[0]!.init.body).toBe('{"prune":true}');
  });

  it.each([
    [401, EXIT.unreachable],
    [403, EXIT.failed],
    [404, EXIT.failed],
    [409, EXIT.failed],
    [422, EXIT.usage],
    [500, EXIT.failed],
  ])("maps an answer %d to exit code %d with the server's sentence", async (status, code) => {
    const { fetchImpl } = answering(status, { error: "Because." });
    const failure = await createClient(connection, fetchImpl).get("/api/apps").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).exitCode).toBe(code);
    expect((failure as ApiError).message).toMatch(/Because\.$/);
    expect((failure as ApiError).message).not.toContain("lsp_secret");
  });

  it("says the server cannot be reached, with exit code 5 and without the token", async () => {
    const fetchImpl = (async () => {
      throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
    }) as unknown as typeof fetch;
    const failure = await createClient(connection, fetchImpl).get("/api/apps").catch((error: unknown) => error);
    expect(failure).toEqual(new ServerUnreachableError("Cannot reach https://ls.example.com (ECONNREFUSED)."));
    expect((failure as ServerUnreachableError).exitCode).toBe(EXIT.unreachable);
  });

  it("refuses an answer that is not JSON as not a Lockstep server", async () => {
    const { fetchImpl } = answering(200, "<html></html>");
    await expect(createClient(connection, fetchImpl).get("/api/apps")).rejects.toThrow("https://ls.example.com did not answer JSON; is it a Lockstep server?");
  });
});

describe("errorSentence", () => {
  it("joins the error and its field errors, or names the status", () => {
    expect(errorSentence(422, JSON.stringify({ error: "Invalid.", fields: [{ field: "prune", message: "must be true or false." }] }))).toBe("Invalid. prune: must be true or false.");
    expect(errorSentence(502, "Bad gateway")).toBe("The server answered 502.");
  });
});
