import { describe, expect, it } from "vitest";

import { findBodyStart, parseCgiHead } from "./cgi";

describe("parseCgiHead", () => {
  it.each([
    {
      name: "defaults to 200 without a Status header",
      block: "Content-Type: text/plain\r\nPragma: no-cache",
      expected: { status: 200, headers: [["Content-Type", "text/plain"], ["Pragma", "no-cache"]] },
    },
    {
      name: "takes the status and reason from the Status header",
      block: "Status: 403 Forbidden\r\nContent-Type: text/plain",
      expected: { status: 403, statusMessage: "Forbidden", headers: [["Content-Type", "text/plain"]] },
    },
    {
      name: "accepts bare LF line endings and a status without a reason",
      block: "Status: 404\nExpires: 0",
      expected: { status: 404, headers: [["Expires", "0"]] },
    },
    {
      name: "keeps repeated headers in order",
      block: "Set-Cookie: a=1\r\nSet-Cookie: b=2",
      expected: { status: 200, headers: [["Set-Cookie", "a=1"], ["Set-Cookie", "b=2"]] },
    },
  ])("$name", ({ block, expected }) => {
    expect(parseCgiHead(block)).toEqual(expected);
  });
});

describe("findBodyStart", () => {
  it.each([
    { name: "finds a CRLF blank line", output: "A: 1\r\n\r\nbody", expected: 8 },
    { name: "finds an LF blank line", output: "A: 1\n\nbody", expected: 6 },
    { name: "prefers whichever blank line comes first", output: "A: 1\r\n\r\nx\n\ny", expected: 8 },
    { name: "reports an incomplete header block", output: "A: 1\r\nB: 2\r\n", expected: -1 },
  ])("$name", ({ output, expected }) => {
    expect(findBodyStart(Buffer.from(output))).toBe(expected);
  });
});
