/**
 * Anonymous noise. Requests without credentials cost an attacker nothing: 50 anonymous
 * mutations must not write 50 audit rows (one row per address and action a minute, the rest
 * counted), and a refused oversize body must not be parsed on the way to its 413.
 */
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { api } from "../../helpers/lockstep-api";
import { startWebServer, type WebServer } from "../../helpers/web-server";

interface AuditBody {
  total: number;
  entries: { actor: string; actorKind: string; action: string; path: string; status: number; detail: string | null }[];
}

describe("anonymous noise", () => {
  let web: WebServer;

  beforeAll(async () => {
    web = await startWebServer({ kubeconfig: inject("kubeconfig"), env: { LOCKSTEP_RECONCILER: "off" } });
  });

  afterAll(async () => {
    await web?.stop();
  });

  it("writes far fewer than 50 audit rows for 50 anonymous mutations", async () => {
    const app = `noise-${randomBytes(3).toString("hex")}`;
    const path = `/api/apps/${app}/sync`;
    for (let i = 0; i < 50; i++) {
      const response = await fetch(`${web.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      expect(response.status).toBe(401);
      await response.arrayBuffer();
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const audit = await api<AuditBody>(web.url, "GET", `/api/audit?actor=anonymous&limit=500`);
    expect(audit.status, audit.text).toBe(200);
    const rows = audit.body.entries.filter((entry) => entry.path === path);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(5);
  });

  it("refuses a 2 MB body that is not JSON with 413 and never parses it", async () => {
    const before = web.logs().length;
    const body = "not json ".repeat(Math.ceil((2 * 1024 * 1024) / 9));
    const response = await fetch(`${web.url}/api/apps`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${web.adminToken}` }, body });
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatch(/larger than/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(web.logs().slice(before)).not.toMatch(/SyntaxError|Unexpected token|not valid JSON/);
  });
});
