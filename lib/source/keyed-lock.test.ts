import { describe, expect, it } from "vitest";

import { createKeyedLock } from "./keyed-lock";

describe("createKeyedLock", () => {
  it("runs tasks of one key one at a time and tasks of different keys together", async () => {
    const lock = createKeyedLock();
    const events: string[] = [];
    const task = (name: string) => async () => {
      events.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
      events.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([lock.run("a", task("a1")), lock.run("a", task("a2")), lock.run("b", task("b1"))]);
    expect(results).toEqual(["a1", "a2", "b1"]);
    expect(events.indexOf("end a1")).toBeLessThan(events.indexOf("start a2"));
    expect(events.indexOf("start b1")).toBeLessThan(events.indexOf("end a1"));
  });

  it("keeps going after a task fails", async () => {
    const lock = createKeyedLock();
    const failed = lock.run("a", () => Promise.reject(new Error("boom")));
    const next = lock.run("a", () => Promise.resolve("ok"));
    await expect(failed).rejects.toThrow("boom");
    await expect(next).resolves.toBe("ok");
  });
});
