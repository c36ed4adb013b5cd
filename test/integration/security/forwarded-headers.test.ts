/**
 * Forged proxy headers. `X-Forwarded-Proto`, `-Host` and `-For` count only when
 * `LOCKSTEP_TRUST_PROXY=true` says a proxy in front sets them: otherwise a client on plain HTTP
 * could send `X-Forwarded-Proto: https` and have the server believe the connection is
 * encrypted (its Secure cookie decision, its HSTS header, the origin it compares against).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { startWebServer, type WebServer } from "../../helpers/web-server";

async function signIn(web: WebServer, headers: Record<string, string>): Promise<Response> {
  return fetch(`${web.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ username: "admin", password: web.adminPassword }),
  });
}

describe("forwarded headers", () => {
  let direct: WebServer;
  let behindProxy: WebServer;

  beforeAll(async () => {
    const kubeconfig = inject("kubeconfig");
    [direct, behindProxy] = await Promise.all([
      startWebServer({ kubeconfig, env: { LOCKSTEP_RECONCILER: "off" } }),
      startWebServer({ kubeconfig, env: { LOCKSTEP_RECONCILER: "off", LOCKSTEP_TRUST_PROXY: "true" } }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([direct?.stop(), behindProxy?.stop()]);
  });

  it("does not make the session cookie Secure because a client says X-Forwarded-Proto: https", async () => {
    const response = await signIn(direct, { "x-forwarded-proto": "https" });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie()[0];
    expect(cookie).toMatch(/^lockstep_session=/);
    expect(cookie).not.toMatch(/;\s*Secure/i);
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it("marks the cookie Secure when a trusted proxy says the request came over HTTPS", async () => {
    const response = await signIn(behindProxy, { "x-forwarded-proto": "https" });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()[0]).toMatch(/; Secure/);
  });
});
