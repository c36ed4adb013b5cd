import { describe, expect, it } from "vitest";
import type { AuditStore } from "@/lib/db/audit";
import { createAudit } from "./audit";
import type { AuditNote } from "./notes";
import { createRequestStamp, REQUEST_ID_HEADER, STAMP_HEADER } from "./request-context";

function recordingStore(): { store: AuditStore; appended: unknown[]; cutoffs: Date[] } {
  const appended: unknown[] = [];
  const cutoffs: Date[] = [];
  const store: AuditStore = {
    appendAuditEntry: async (entry) => {
      appended.push(entry);
    },
    listAuditEntries: async () => ({ entries: [], total: 0 }),
    deleteAuditEntriesBefore: async (cutoff) => {
      cutoffs.push(cutoff);
      return 0;
    },
  };
  return { store, appended, cutoffs };
}

const note: AuditNote = { actor: "alice", actorKind: "user", action: "app.sync", app: "web", method: "POST", path: "/api/apps/web/sync", address: "10.0.0.1" };

describe("an Audit", () => {
  it("keeps its own notes and appends a note once its response is done", async () => {
    const first = recordingStore();
    const second = recordingStore();
    const auditA = createAudit({ db: { audit: first.store } });
    const auditB = createAudit({ db: { audit: second.store } });
    auditA.openAuditNote("r1", note);
    expect(auditB.refineAuditNote("r1", { detail: "x" })).toBe(false);
    expect(await auditB.recordResponse("r1", 200)).toBe(false);
    expect(await auditA.recordResponse("r1", 403)).toBe(true);
    expect(first.appended).toEqual([{ ...note, result: "denied", status: 403, detail: null }]);
    expect(second.appended).toEqual([]);
    expect(await auditA.recordResponse("r1", 200)).toBe(false);
  });

  it("records a response cut short as failed, saying so", async () => {
    const { store, appended } = recordingStore();
    const audit = createAudit({ db: { audit: store } });
    audit.openAuditNote("r2", note);
    await audit.recordResponse("r2", 0);
    expect(appended).toEqual([{ ...note, result: "failed", status: 0, detail: "The connection closed before the answer was complete." }]);
  });
});

describe("an Audit's anonymous rows", () => {
  const anonymous: AuditNote = { actor: "anonymous", actorKind: "anonymous", action: "app.sync", app: "web", method: "POST", path: "/api/apps/web/sync", address: "10.6.6.6" };

  it("keeps one row per address and action a minute and counts the rest into the next row", async () => {
    const { store, appended } = recordingStore();
    let now = 0;
    const audit = createAudit({ db: { audit: store }, clock: () => now });
    for (let i = 0; i < 50; i++) {
      audit.openAuditNote(`a${i}`, anonymous);
      await audit.recordResponse(`a${i}`, 401);
    }
    expect(appended).toHaveLength(1);
    now = 61_000;
    audit.openAuditNote("late", anonymous);
    await audit.recordResponse("late", 401);
    expect(appended).toHaveLength(2);
    expect(appended[1]).toMatchObject({ detail: "49 more anonymous requests like this one from this address were not recorded separately." });
  });

  it("records every sign-in whose password was checked, and throttles those the limiter turned away", async () => {
    const { store, appended } = recordingStore();
    const audit = createAudit({ db: { audit: store }, clock: () => 0 });
    const signIn: AuditNote = { ...note, actor: "admin", actorKind: "anonymous", action: "auth.login", app: null, path: "/api/auth/login" };
    for (let i = 0; i < 5; i++) {
      audit.openAuditNote(`guess${i}`, signIn);
      await audit.recordResponse(`guess${i}`, 401);
    }
    for (let i = 0; i < 5; i++) {
      audit.openAuditNote(`held${i}`, signIn);
      await audit.recordResponse(`held${i}`, 429);
    }
    expect(appended.map((entry) => (entry as { status: number }).status)).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it("records each address and each signed-in request on its own", async () => {
    const { store, appended } = recordingStore();
    const audit = createAudit({ db: { audit: store } });
    audit.openAuditNote("x", anonymous);
    audit.openAuditNote("y", { ...anonymous, address: "10.7.7.7" });
    audit.openAuditNote("z1", note);
    audit.openAuditNote("z2", note);
    for (const id of ["x", "y", "z1", "z2"]) await audit.recordResponse(id, 401);
    expect(appended).toHaveLength(4);
  });
});

describe("an Audit's retention", () => {
  it("deletes entries older than the retention, counted from now", async () => {
    const { store, cutoffs } = recordingStore();
    const audit = createAudit({ db: { audit: store }, retentionDays: 30, clock: () => Date.UTC(2026, 0, 31) });
    await audit.sweepExpiredEntries();
    expect(cutoffs).toEqual([new Date(Date.UTC(2026, 0, 1))]);
  });

  it("sweeps at once when started, and stops when asked", async () => {
    const { store, cutoffs } = recordingStore();
    const audit = createAudit({ db: { audit: store } });
    audit.startRetentionSweep();
    audit.startRetentionSweep();
    audit.stopRetentionSweep();
    await Promise.resolve();
    expect(cutoffs).toHaveLength(1);
  });
});

describe("a request stamp", () => {
  it("recognises only the stamps it made, whatever the client sent", () => {
    const stamp = createRequestStamp({ env: {} });
    const other = createRequestStamp({ env: {} });
    const request = { headers: { [STAMP_HEADER]: "forged", [REQUEST_ID_HEADER]: "mine" } as Record<string, string | string[] | undefined>, socket: { remoteAddress: "10.0.0.9" } };
    const requestId = stamp.stampRequest(request as never);
    const headers = new Headers(request.headers as Record<string, string>);
    expect(stamp.readStamp(headers)).toEqual({ requestId, address: "10.0.0.9" });
    expect(other.readStamp(headers)).toBeUndefined();
  });

  it("replaces a client's forwarding headers with what the connection says when no proxy is trusted", () => {
    const stamp = createRequestStamp({ env: {} });
    const request = { headers: { host: "lockstep:3000", "x-forwarded-proto": "https", "x-forwarded-host": "evil.example", "x-forwarded-for": "10.8.8.8" } as Record<string, string | string[] | undefined>, socket: { remoteAddress: "10.0.0.9" } };
    stamp.stampRequest(request as never);
    expect([request.headers["x-forwarded-proto"], request.headers["x-forwarded-host"], request.headers["x-forwarded-for"]]).toEqual(["http", "lockstep:3000", "10.0.0.9"]);
  });

  it("keeps a trusted proxy's forwarding headers, first entries only", () => {
    const stamp = createRequestStamp({ env: { LOCKSTEP_TRUST_PROXY: "true" } });
    const request = { headers: { host: "lockstep:3000", "x-forwarded-proto": "https", "x-forwarded-for": "10.8.8.8, 10.0.0.1" } as Record<string, string | string[] | undefined>, socket: { remoteAddress: "10.0.0.9" } };
    stamp.stampRequest(request as never);
    expect(stamp.readStamp(new Headers(request.headers as Record<string, string>))?.address).toBe("10.8.8.8");
    expect(request.headers["x-forwarded-proto"]).toBe("https");
  });
});
