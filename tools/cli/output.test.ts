import { describe, expect, it } from "vitest";

import { formatData, formatFields, formatTable, formatTime, shortSha } from "./output";

interface Row {
  name: string;
  sync: string;
  note?: string | null;
}

const columns = [
  { header: "Name", value: (r: Row) => r.name },
  { header: "Sync", value: (r: Row) => r.sync },
  { header: "Note", value: (r: Row) => r.note },
];

describe("formatTable", () => {
  it("aligns columns two spaces apart, shows empty cells as a dash, and leaves no trailing blanks", () => {
    const text = formatTable<Row>(
      [
        { name: "guestbook", sync: "Synced", note: "ok" },
        { name: "api", sync: "OutOfSync", note: null },
      ],
      columns,
    );
    expect(text).toBe(["NAME       SYNC       NOTE", "guestbook  Synced     ok", "api        OutOfSync  -", ""].join("\n"));
  });

  it("prints only the headers for no rows, and keeps a line break inside a cell on one line", () => {
    expect(formatTable<Row>([], columns)).toBe("NAME  SYNC  NOTE\n");
    expect(formatTable<Row>([{ name: "a", sync: "b", note: "two\nlines" }], columns)).toContain("two lines");
  });
});

describe("formatFields", () => {
  it("pads the labels to one width", () => {
    expect(formatFields([["Name", "web"], ["Revision", null]])).toBe("Name:      web\nRevision:  -\n");
  });
});

describe("formatData", () => {
  it("prints JSON indented and YAML as the yaml package writes it", () => {
    expect(formatData({ a: [1] }, "json")).toBe('{\n  "a": [\n    1\n  ]\n}\n');
    expect(formatData({ a: [1] }, "yaml")).toBe("a:\n  - 1\n");
  });
});

describe("shortSha and formatTime", () => {
  it("shorten a commit and a timestamp", () => {
    expect(shortSha("0123456789abcdef0123")).toBe("0123456789ab");
    expect(shortSha(null)).toBe("-");
    expect(formatTime("2026-11-30T18:32:05.123Z")).toBe("2026-11-30 18:32:05Z");
    expect(formatTime(null)).toBe("-");
  });
});
