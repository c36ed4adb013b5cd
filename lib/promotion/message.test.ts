import { describe, expect, it } from "vitest";
import { promotionCommitMessage } from "./message";

describe("promotionCommitMessage", () => {
  it("says what moved where, who asked and approved, and the promotion's id", () => {
    const message = promotionCommitMessage({
      service: "guestbook",
      from: "staging",
      to: "prod",
      images: [{ name: "guestbook", from: "guestbook:1.0.0", to: "guestbook:1.1.0" }],
      file: "services/guestbook/overlays/prod/kustomization.yaml",
      requestedBy: "alice",
      approvedBy: "admin",
      promotionId: "p1",
    });
    expect(message).toBe(
      "Promote guestbook from staging to prod\n\nIn services/guestbook/overlays/prod/kustomization.yaml:\n- guestbook: guestbook:1.0.0 -> guestbook:1.1.0\n\nRequested by alice, approved by admin.\nLockstep promotion p1.",
    );
  });
});
