import { describe, expect, it } from "vitest";
import { auditEntriesToCsv } from "./csv";

describe("audit CSV", () => {
  it("defuses a detail a spreadsheet would run as a formula and quotes one with a comma", () => {
    const csv = auditEntriesToCsv([
      {
        id: "2",
        at: new Date("2026-01-02T03:04:05Z"),
        actor: "=cmd()",
        actorKind: "user",
        action: "app.delete",
        app: "web",
        method: "DELETE",
        path: "/api/apps/web",
        address: null,
        result: "denied",
        status: 403,
        detail: "no right, sorry",
      },
    ]);
    expect(csv.split("\r\n")[1]).toBe(`2026-01-02T03:04:05.000Z,'=cmd(),user,app.delete,web,DELETE,/api/apps/web,,denied,403,"no right, sorry"`);
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
