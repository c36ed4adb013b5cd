import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

describe("csvCell", () => {
  it.each([
    { value: "plain", cell: "plain" },
    { value: "a,b", cell: '"a,b"' },
    { value: 'say "hi"', cell: '"say ""hi"""' },
    { value: "two\nlines", cell: '"two\nlines"' },
    { value: "=HYPERLINK(1)", cell: "'=HYPERLINK(1)" },
    { value: undefined, cell: "" },
    { value: 3, cell: "3" },
  ])("writes $value as $cell", ({ value, cell }) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe("toCsv", () => {
  it("writes a header and rows with CRLF line ends", () => {
    expect(toCsv(["a", "b"], [["1", "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});
