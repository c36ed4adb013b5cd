import { describe, expect, it, vi } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import type { RestorePathOptions, RestorePathResult } from "@/lib/cd";
import type { AppRecord } from "@/lib/db/apps";
import type { OperationRecord } from "@/lib/db/operations";
import { EventBus } from "@/lib/events/bus";
import type { EngineContext } from "./context";
import { createRollbackCommitter } from "./rollback-commit";

const OLD = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
const NEW = "f".repeat(40);

const history = [
  { id: "op-rollback", kind: "rollback", phase: "Succeeded", dryRun: false, rollbackOf: "op-first", revision: OLD },
  { id: "op-second", kind: "sync", phase: "Succeeded", dryRun: false, rollbackOf: null, revision: "b".repeat(40) },
  { id: "op-first", kind: "sync", phase: "Succeeded", dryRun: false, rollbackOf: null, revision: OLD },
] as OperationRecord[];

const alice = { kind: "user", name: "alice", role: "deployer" } as unknown as Principal;

function setUp(options: { rolledBackTo?: string | null; allowCommit?: boolean; status?: RestorePathResult["status"] } = {}) {
  const app = { id: "app-1", name: "guestbook", project: "default", repoUrl: "https://git.example/config.git", targetRevision: "main", path: "apps/guestbook", rolledBackTo: options.rolledBackTo === undefined ? OLD : options.rolledBackTo } as AppRecord;
  const clearRollback = vi.fn(async () => undefined);
  const refresh = vi.fn(async () => undefined);
  const restore = vi.fn(async (request: RestorePathOptions): Promise<RestorePathResult> => ({
    status: request.dryRun ? "preview" : (options.status ?? "committed"),
    commit: NEW,
    branch: "main",
    path: "apps/guestbook",
    files: [{ path: "apps/guestbook/kustomization.yaml", change: "changed" }],
    attempts: 1,
  }));
  const db = {
    apps: { clearRollback },
    operations: {
      listOperations: async () => history,
      getOperation: async (_app: string, id: string) => history.find((op) => op.id === id)!,
      isOperationRunning: async () => false,
    },
    projects: { getProjectDefinition: async () => ({ name: "default", rollback: { allowCommit: options.allowCommit ?? true } }) },
  } as unknown as EngineContext["db"];
  const committer = createRollbackCommitter({ db, events: new EventBus(), log: { info: () => undefined, error: () => undefined } }, { restore, refresh });
  return { app, committer, restore, clearRollback, refresh };
}

describe("createRollbackCommitter", () => {
  it("restores the rolled-back revision on the app's branch and path, names the requester and the entry, then resumes automation and refreshes", async () => {
    const { app, committer, restore, clearRollback, refresh } = setUp();
    const result = await committer.commit(app, alice);
    expect(result).toEqual({ commit: NEW, historyId: "op-first", message: expect.stringContaining("Make rollback of guestbook to 1a2b3c4 (history #op-first) permanent") });
    expect(result.message).toContain("Requested by alice");
    expect(restore).toHaveBeenCalledWith(expect.objectContaining({ repoUrl: app.repoUrl, branch: "main", path: "apps/guestbook", revision: OLD }));
    expect(clearRollback).toHaveBeenCalledWith("app-1", { resumeAutomation: true });
    expect(refresh).toHaveBeenCalledWith("guestbook");
  });

  it("refuses an app that is not rolled back, before touching Git", async () => {
    const { app, committer, restore } = setUp({ rolledBackTo: null });
    await expect(committer.commit(app, alice)).rejects.toMatchObject({ kind: "conflict", message: 'Application "guestbook" is not rolled back, so there is no rollback to make permanent.' });
    expect(restore).not.toHaveBeenCalled();
  });

  it("refuses when the project forbids it, and the preview says so", async () => {
    const { app, committer, restore } = setUp({ allowCommit: false });
    await expect(committer.commit(app, alice)).rejects.toMatchObject({ kind: "refused" });
    expect(restore).not.toHaveBeenCalled();
    expect(await committer.preview(app)).toMatchObject({ allowed: false, historyId: "op-first", revision: OLD, head: NEW });
  });

  it("is a conflict when Git already has the rolled-back files, and the rollback stays", async () => {
    const { app, committer, clearRollback } = setUp({ status: "unchanged" });
    await expect(committer.commit(app, alice)).rejects.toMatchObject({ kind: "conflict", message: expect.stringContaining("Git already has 1a2b3c4's files under apps/guestbook") });
    expect(clearRollback).not.toHaveBeenCalled();
  });
});
