import { describe, expect, it } from "vitest";

import { toCsv, type CsvValue } from "./to-csv";

/** The one data cell `value` becomes, under a header `h`. */
const cell = (value: CsvValue) => toCsv(["h"], [[value]]).slice("h\r\n".length, -"\r\n".length);

describe("toCsv", () => {
  it.each<{ name: string; value: CsvValue; cell: string }>([
    { name: "plain text as it is", value: "plain", cell: "plain" },
    { name: "a comma quoted", value: "a,b", cell: '"a,b"' },
    { name: "quotes doubled inside quotes", value: 'say "hi"', cell: '"say ""hi"""' },
    { name: "a line feed quoted", value: "two\nlines", cell: '"two\nlines"' },
    { name: "a lone carriage return quoted", value: "cr\ronly", cell: '"cr\ronly"' },
    { name: "a formula defused", value: "=HYPERLINK(1)", cell: "'=HYPERLINK(1)" },
    { name: "an @ formula defused", value: "@SUM(A1)", cell: "'@SUM(A1)" },
    { name: "text starting with a minus defused", value: "-1+1", cell: "'-1+1" },
    { name: "a tab start defused", value: "\tx", cell: "'\tx" },
    { name: "undefined as empty", value: undefined, cell: "" },
    { name: "null as empty", value: null, cell: "" },
    { name: "a number as digits", value: 3, cell: "3" },
    // The hand-written writer turned every value into text first and so defused -3 to '-3;
    // csv-stringify knows a number is data and leaves it alone, which is more correct.
    { name: "a negative number left alone", value: -3, cell: "-3" },
    { name: "a boolean as a word", value: true, cell: "true" },
    { name: "a date in ISO 8601", value: new Date("2026-01-02T03:04:05Z"), cell: "2026-01-02T03:04:05.000Z" },
  ])("writes $name", ({ value, cell: expected }) => {
    expect(cell(value)).toBe(expected);
  });

  it("writes a header and rows with CRLF line ends", () => {
    expect(toCsv(["a", "b"], [["1", "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
  });

  it("writes only the header when there are no rows", () => {
    expect(toCsv(["a", "b"], [])).toBe("a,b\r\n");
  });
});
