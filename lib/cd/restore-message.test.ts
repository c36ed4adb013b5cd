import { describe, expect, it } from "vitest";
import { restoreCommitMessage } from "./restore-message";

const revision = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";

describe("restoreCommitMessage", () => {
  it("names the app, the short revision and the history entry in the subject, and the requester in the body", () => {
    const message = restoreCommitMessage({ app: "guestbook", revision, historyId: "cmabc123", path: "apps/guestbook", requestedBy: "alice" });
    expect(message).toBe(
      `Make rollback of guestbook to 1a2b3c4 (history #cmabc123) permanent\n\nRestores apps/guestbook as it was at ${revision}, by Lockstep.\n\nRequested by alice`,
    );
  });

  it("names a token as the requester and the whole repository for the root path", () => {
    const message = restoreCommitMessage({ app: "web", revision, historyId: "x1", path: ".", requestedBy: "token:ci" });
    expect(message).toContain("Restores the repository as it was at");
    expect(message.endsWith("Requested by token:ci")).toBe(true);
  });
});
