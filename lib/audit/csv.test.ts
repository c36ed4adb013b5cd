import { describe, expect, it } from "vitest";
import { auditEntriesToCsv, csvCell } from "./csv";

describe("audit CSV", () => {
  it("quotes cells holding commas, quotes and line breaks", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", then')).toBe('"say ""hi"", then"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
  });

  it("writes a header and one row per entry", () => {
    const csv = auditEntriesToCsv([
      {
        id: "1",
        at: new Date("2026-01-02T03:04:05Z"),
        actor: "alice",
        actorKind: "user",
        action: "app.sync",
        app: "web",
        method: "POST",
        path: "/api/apps/web/sync",
        address: "127.0.0.1",
        result: "succeeded",
        status: 200,
        detail: null,
      },
    ]);
    expect(csv).toBe(
      "at,actor,actorKind,action,app,method,path,address,result,status,detail\r\n2026-01-02T03:04:05.000Z,alice,user,app.sync,web,POST,/api/apps/web/sync,127.0.0.1,succeeded,200,\r\n",
    );
  });
});
