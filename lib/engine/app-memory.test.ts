import { describe, expect, it } from "vitest";

describe("createAppMemory", () => {
  it("is a separate memory for each engine", async () => {
    const { createAppMemory } = await import("./app-memory");
    const first = createAppMemory();
    const second = createAppMemory();
    first.lastComparison.set("guestbook", {} as never);
    expect(second.lastComparison.has("guestbook")).toBe(false);
  });

  it("compares one app at a time, in the order asked, while other apps compare alongside", async () => {
    const { createAppMemory } = await import("./app-memory");
    const memory = createAppMemory();
    const order: string[] = [];
    let finishGitRefresh = () => {};
    const gitRefresh = memory.comparing.run("guestbook", async () => {
      order.push("git refresh starts");
      await new Promise<void>((resolve) => (finishGitRefresh = resolve));
      order.push("git refresh stored");
    });
    const clusterRefresh = memory.comparing.run("guestbook", async () => {
      order.push("cluster refresh starts");
    });
    const otherApp = memory.comparing.run("billing", async () => {
      order.push("other app compared");
    });
    await otherApp;
    expect(order).toEqual(["git refresh starts", "other app compared"]);
    finishGitRefresh();
    await Promise.all([gitRefresh, clusterRefresh]);
    expect(order).toEqual(["git refresh starts", "other app compared", "git refresh stored", "cluster refresh starts"]);
  });
});
