/**
 * `GET /metrics` called directly — no proxy, no server, so no request hook has stamped the
 * client's address: without a metrics token the handler must refuse (it cannot tell a loopback
 * caller); with one, only that token opens it. Needs no cluster: a SQLite database in a
 * temporary directory.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseExposition } from "../helpers/exposition";

const dataDir = mkdtempSync(path.join(tmpdir(), "lockstep-metrics-handler-"));
process.env.LOCKSTEP_DATA_DIR = dataDir;
process.env.DATABASE_URL = `file:${path.join(dataDir, "metrics.db")}`;

const TOKEN = "handler-metrics-token-0123456789";

type Get = (request: Request) => Promise<Response>;

describe("the /metrics handler", () => {
  let GET: Get;

  beforeAll(async () => {
    (await import("@/lib/engine/instance")).ensureEngine();
    ({ GET } = (await import("@/app/metrics/route")) as { GET: Get });
  });

  afterEach(() => {
    delete process.env.LOCKSTEP_METRICS_TOKEN;
    delete process.env.LOCKSTEP_TRUST_PROXY;
  });

  afterAll(async () => {
    const { ensureEngine } = await import("@/lib/engine/instance");
    await ensureEngine().stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = (headers: Record<string, string> = {}) => GET(new Request("http://127.0.0.1/metrics", { headers }));

  it("refuses without a token when no stamp tells the client's address, even one claiming loopback", async () => {
    const response = await call({ "x-forwarded-for": "127.0.0.1", "x-lockstep-client-address": "127.0.0.1" });
    expect(response.status).toBe(403);
    expect(await response.text()).toBe("The server cannot tell the client's address, so it answers metrics only with LOCKSTEP_METRICS_TOKEN set.\n");
  });

  it("answers the metrics token with the exposition, and nothing else", async () => {
    process.env.LOCKSTEP_METRICS_TOKEN = TOKEN;
    const refused = await call({ authorization: "Bearer not-the-token" });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toBe('Bearer realm="lockstep-metrics"');
    expect(await refused.text()).not.toContain(TOKEN);

    const response = await call({ authorization: `Bearer ${TOKEN}` });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const exposition = parseExposition(await response.text());
    expect(exposition.types.get("lockstep_operations_total")).toBe("counter");
    expect(exposition.types.get("process_cpu_seconds_total")).toBe("counter");
  });

  it("answers 500 with one sentence when the configured token is too short", async () => {
    process.env.LOCKSTEP_METRICS_TOKEN = "short";
    const response = await call({ authorization: "Bearer short" });
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/^LOCKSTEP_METRICS_TOKEN is shorter than 16 characters; set a longer one to read the metrics\.\n$/);
  });
});
