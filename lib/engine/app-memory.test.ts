import { describe, expect, it, vi } from "vitest";

describe("appMemory", () => {
  it("is the same memory for every copy of the engine module, as Next.js loads one per bundle", async () => {
    const first = await import("./app-memory");
    vi.resetModules();
    const second = await import("./app-memory");
    expect(second).not.toBe(first);

    first.appMemory().busy.add("guestbook");
    expect(second.appMemory().busy.has("guestbook")).toBe(true);
    expect(second.appMemory()).toBe(first.appMemory());
    first.appMemory().busy.delete("guestbook");
  });

  it("compares one app at a time, in the order asked, while other apps compare alongside", async () => {
    const { appMemory } = await import("./app-memory");
    const order: string[] = [];
    let finishGitRefresh = () => {};
    const gitRefresh = appMemory().comparing.run("guestbook", async () => {
      order.push("git refresh starts");
      await new Promise<void>((resolve) => (finishGitRefresh = resolve));
      order.push("git refresh stored");
    });
    const clusterRefresh = appMemory().comparing.run("guestbook", async () => {
      order.push("cluster refresh starts");
    });
    const otherApp = appMemory().comparing.run("billing", async () => {
      order.push("other app compared");
    });
    await otherApp;
    expect(order).toEqual(["git refresh starts", "other app compared"]);
    finishGitRefresh();
    await Promise.all([gitRefresh, clusterRefresh]);
    expect(order).toEqual(["git refresh starts", "other app compared", "git refresh stored", "cluster refresh starts"]);
  });
});
