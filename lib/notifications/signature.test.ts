import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isValidSignature, signBody } from "./signature";

describe("signBody", () => {
  it("is sha256= and the hex HMAC-SHA256 of the body, as GitHub signs", () => {
    const body = '{"app":"web"}';
    expect(signBody(body, "s3cret-s3cret-s3cret")).toBe(`sha256=${createHmac("sha256", "s3cret-s3cret-s3cret").update(body).digest("hex")}`);
  });

  it("matches GitHub's documented example", () => {
    expect(signBody("Hello, World!", "It's a Secret to Everybody")).toBe("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
  });
});

describe("isValidSignature", () => {
  const body = '{"trigger":"sync-failed"}';
  const secret = "0123456789abcdef";

  it("accepts the body's signature", () => {
    expect(isValidSignature(body, secret, signBody(body, secret))).toBe(true);
  });

  it("refuses a changed body", () => {
    expect(isValidSignature(`${body} `, secret, signBody(body, secret))).toBe(false);
  });

  it("refuses another secret's signature", () => {
    expect(isValidSignature(body, secret, signBody(body, "another-secret-0000"))).toBe(false);
  });
});
