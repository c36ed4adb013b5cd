import { describe, expect, it } from "vitest";

import { API_BODY_LIMIT, bodyLimitOf, declaredBodyProblem, MAX_API_BODY_BYTES, MAX_WEBHOOK_BODY_BYTES, readBodyWithin, stringFieldWithin, WEBHOOK_BODY_LIMIT } from "./body-limit";

/** A body of `chunks` chunks of `size` bytes, counting how many were pulled. */
function chunkedBody(chunks: number, size: number) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled += 1;
      controller.enqueue(new Uint8Array(size).fill(pulled));
    },
  });
  return { stream, pulled: () => pulled };
}

describe("bodyLimitOf", () => {
  it("gives the Git webhook 25 MiB and every other API route 1 MiB", () => {
    expect(bodyLimitOf("/api/webhooks/git")).toEqual({ bytes: MAX_WEBHOOK_BODY_BYTES, tooLarge: "The webhook body is larger than 25 MiB, the most a Git host sends for one push." });
    for (const path of ["/api/apps", "/api/webhooks/git/extra", "/api/webhooks", "/api/set-image"]) {
      expect(bodyLimitOf(path)).toEqual({ bytes: MAX_API_BODY_BYTES, tooLarge: "The request body is larger than 1024 KiB." });
    }
  });
});

describe("declaredBodyProblem", () => {
  it("accepts a Content-Length up to the limit and refuses one above it with the limit's sentence", () => {
    expect(declaredBodyProblem(String(MAX_API_BODY_BYTES))).toBeUndefined();
    expect(declaredBodyProblem(String(MAX_API_BODY_BYTES + 1))).toBe(API_BODY_LIMIT.tooLarge);
    expect(declaredBodyProblem(String(5 * 1024 * 1024), WEBHOOK_BODY_LIMIT)).toBeUndefined();
    expect(declaredBodyProblem(String(MAX_WEBHOOK_BODY_BYTES + 1), WEBHOOK_BODY_LIMIT)).toBe(WEBHOOK_BODY_LIMIT.tooLarge);
  });

  it("says so when the Content-Length is not a byte count, and has nothing to say without one", () => {
    expect(declaredBodyProblem("12abc")).toBe("The Content-Length header is invalid.");
    expect(declaredBodyProblem("-1")).toBe("The Content-Length header is invalid.");
    expect(declaredBodyProblem(null)).toBeUndefined();
  });
});

describe("readBodyWithin", () => {
  it("answers every byte of a body within the limit", async () => {
    const body = chunkedBody(4, 1000);
    const bytes = await readBodyWithin(body.stream, 4000);
    expect(bytes?.byteLength).toBe(4000);
    expect([bytes?.[0], bytes?.[3999]]).toEqual([1, 4]);
  });

  it("stops reading a body as soon as it passes the limit", async () => {
    const body = chunkedBody(1000, 1000);
    expect(await readBodyWithin(body.stream, 4000)).toBeUndefined();
    expect(body.pulled()).toBeLessThan(10);
  });

  it("gives up on one branch of a cloned body without waiting for the other branch to be read", async () => {
    const [proxyCopy, handlerCopy] = chunkedBody(1000, 1000).stream.tee();
    expect(await readBodyWithin(proxyCopy, 4000)).toBeUndefined();
    expect(handlerCopy.locked).toBe(false);
  });

  it("answers no bytes for a request without a body", async () => {
    expect((await readBodyWithin(null, 10))?.byteLength).toBe(0);
  });
});

describe("stringFieldWithin", () => {
  /** A body of `chunks` chunks of 64 KiB, counting how many were pulled. */
  function countingBody(chunks: number, fill = "x"): { body: ReadableStream<Uint8Array>; pulled: () => number } {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled === chunks) return controller.close();
        pulled += 1;
        controller.enqueue(new TextEncoder().encode(fill.repeat(64 * 1024)));
      },
    });
    return { body, pulled: () => pulled };
  }

  it("reads a field of a JSON body within the limit", async () => {
    const body = new Response(JSON.stringify({ name: "web" })).body;
    expect(await stringFieldWithin(body, 1024, "name")).toBe("web");
  });

  it("stops reading an oversize body at the limit and never parses it", async () => {
    const { body, pulled } = countingBody(32);
    expect(await stringFieldWithin(body, MAX_API_BODY_BYTES, "name")).toBeUndefined();
    expect(pulled()).toBeLessThanOrEqual(MAX_API_BODY_BYTES / (64 * 1024) + 2);
  });

  it("answers nothing for a body that is not JSON or has no such string", async () => {
    expect(await stringFieldWithin(new Response("not json").body, 1024, "name")).toBeUndefined();
    expect(await stringFieldWithin(new Response('{"name": 3}').body, 1024, "name")).toBeUndefined();
  });
});
