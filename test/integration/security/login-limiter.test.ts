/**
 * Attack: guessing the admin's password with a burst of parallel sign-ins (each used to get a
 * real guess, because failures were counted only after the password hash resolved), which also
 * locked the real admin out. Lockstep counts each attempt before hashing, delays (not locks)
 * per account and per client address, and lets a correct password in from an address without
 * recent failures.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ACCOUNT_BACKOFF } from "@/lib/auth/rate-limit";
import { startWebServer, type WebServer } from "../../helpers/web-server";

const ATTACKER = "203.0.113.7";
const OWNER = "198.51.100.2";

describe("the login limiter under a burst of parallel guesses", () => {
  let web: WebServer;

  beforeAll(async () => {
    web = await startWebServer({ kubeconfig: inject("kubeconfig"), env: { LOCKSTEP_RECONCILER: "off", LOCKSTEP_TRUST_PROXY: "true" } });
  });

  afterAll(async () => {
    await web?.stop();
  });

  function login(password: string, address: string): Promise<Response> {
    return fetch(`${web.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: web.url, "x-forwarded-for": address },
      body: JSON.stringify({ username: "admin", password }),
    });
  }

  it("evaluates only the allowed number of 40 parallel wrong passwords, and still lets the admin in from another address", async () => {
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => login(`wrong-password-${i}`, ATTACKER)));
    const statuses = responses.map((response) => response.status);
    const evaluated = statuses.filter((status) => status === 401).length;
    expect(statuses.every((status) => status === 401 || status === 429), statuses.join(",")).toBe(true);
    expect(evaluated).toBeGreaterThan(0);
    expect(evaluated).toBeLessThanOrEqual(ACCOUNT_BACKOFF.freeFailures);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40 - evaluated);

    const owner = await login(web.adminPassword, OWNER);
    expect(owner.status, await owner.clone().text()).toBe(200);
    expect(owner.headers.getSetCookie().some((cookie) => cookie.startsWith("lockstep_session="))).toBe(true);
  }, 120_000);
});
