import { describe, expect, it } from "vitest";
import type { SubscriptionRow } from "@/lib/db/notifications";
import { coversApp, EnabledSubscriptions } from "./enabled-subscriptions";

const row = (name: string, scope: string, target: string, enabled = true): SubscriptionRow => ({
  id: name,
  name,
  channelId: "c",
  scope,
  target,
  triggers: "[]",
  driftGraceSeconds: 0,
  template: null,
  enabled,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

/** A store of rows that counts its reads. */
function store(rows: SubscriptionRow[]) {
  const state = { rows, reads: 0, fail: false };
  return {
    state,
    async listSubscriptionRows() {
      state.reads++;
      if (state.fail) throw new Error("database gone");
      return [...state.rows];
    },
  };
}

describe("coversApp", () => {
  it("takes global subscriptions, the app's own and its project's, and no other", () => {
    expect(coversApp({ scope: "global", target: "" }, "web", "shop")).toBe(true);
    expect(coversApp({ scope: "app", target: "web" }, "web", "shop")).toBe(true);
    expect(coversApp({ scope: "project", target: "shop" }, "web", "shop")).toBe(true);
    expect(coversApp({ scope: "app", target: "api" }, "web", "shop")).toBe(false);
    expect(coversApp({ scope: "project", target: "web" }, "web", "shop")).toBe(false);
  });
});

describe("EnabledSubscriptions", () => {
  it("answers the enabled subscriptions covering an app, in the store's order", async () => {
    const s = store([row("a-global", "global", ""), row("b-off", "global", "", false), row("c-web", "app", "web"), row("d-api", "app", "api"), row("e-shop", "project", "shop")]);
    const enabled = new EnabledSubscriptions(s, { now: () => 0 });
    expect((await enabled.coveringApp("web", "shop")).map((r) => r.name)).toEqual(["a-global", "c-web", "e-shop"]);
    expect((await enabled.coveringApp("api", "other")).map((r) => r.name)).toEqual(["a-global", "d-api"]);
  });

  it("reads once for many apps while fresh, again once stale, and at once after forget", async () => {
    let now = 0;
    const s = store([row("a", "global", "")]);
    const enabled = new EnabledSubscriptions(s, { now: () => now }, 2000);
    await Promise.all(Array.from({ length: 50 }, (_, i) => enabled.coveringApp(`app-${i}`, "default")));
    expect(s.state.reads).toBe(1);
    s.state.rows.push(row("b", "global", ""));
    now = 1999;
    expect((await enabled.coveringApp("web", "default")).map((r) => r.name)).toEqual(["a"]);
    now = 2000;
    expect((await enabled.coveringApp("web", "default")).map((r) => r.name)).toEqual(["a", "b"]);
    expect(s.state.reads).toBe(2);
    s.state.rows.push(row("c", "app", "web"));
    enabled.forget();
    expect((await enabled.coveringApp("web", "default")).map((r) => r.name)).toEqual(["a", "b", "c"]);
    expect(s.state.reads).toBe(3);
  });

  it("does not keep a failed read: the next question reads again", async () => {
    const s = store([row("a", "global", "")]);
    const enabled = new EnabledSubscriptions(s, { now: () => 0 });
    s.state.fail = true;
    await expect(enabled.coveringApp("web", "default")).rejects.toThrow("database gone");
    s.state.fail = false;
    expect((await enabled.coveringApp("web", "default")).map((r) => r.name)).toEqual(["a"]);
    expect(s.state.reads).toBe(2);
  });
});
