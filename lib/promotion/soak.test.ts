import { describe, expect, it } from "vitest";
import { decideAutoPromotion, observeSoak } from "./soak";

describe("observeSoak", () => {
  it("keeps the first sighting while the stage stays promotable at the same images", () => {
    const first = observeSoak(undefined, { key: "a:1", promotable: true }, 1_000);
    expect(observeSoak(first, { key: "a:1", promotable: true }, 5_000)).toEqual({ key: "a:1", since: 1_000 });
  });

  it("starts again when the images change, and forgets a stage that is not promotable", () => {
    const first = observeSoak(undefined, { key: "a:1", promotable: true }, 1_000);
    expect(observeSoak(first, { key: "a:2", promotable: true }, 5_000)).toEqual({ key: "a:2", since: 5_000 });
    expect(observeSoak(first, { key: "a:1", promotable: false }, 5_000)).toBeUndefined();
  });
});

describe("decideAutoPromotion", () => {
  const observation = { key: "a:1", since: 10_000 };

  it.each([
    [{ observation: undefined, now: 20_000, alreadyPromoted: false }, { action: "idle", reason: "the source stage is not Synced and Healthy" }],
    [{ observation, now: 12_999, alreadyPromoted: false }, { action: "wait", remainingMs: 1 }],
    [{ observation, now: 13_000, alreadyPromoted: false }, { action: "promote", key: "a:1" }],
    [{ observation, now: 60_000, alreadyPromoted: true }, { action: "idle", reason: "these images were promoted already" }],
  ])("decides %o with a 3 s soak", (input, expected) => {
    expect(decideAutoPromotion({ ...input, soakMs: 3_000 })).toEqual(expected);
  });
});
