import { describe, expect, it } from "vitest";
import { EventBus } from "./bus";

describe("EventBus", () => {
  it("delivers events only to the subscribers of its own bus", () => {
    const first = new EventBus();
    const second = new EventBus();
    const heard: string[] = [];
    first.subscribe((e) => heard.push(`first:${e.event.app}`));
    second.subscribe((e) => heard.push(`second:${e.event.app}`));
    first.publish({ type: "app-status", app: "a" });
    expect(heard).toEqual(["first:a"]);
  });

  it("replays what came after an id of its own and refuses another bus's id", () => {
    const bus = new EventBus();
    bus.publish({ type: "app-status", app: "a" });
    const mark = bus.currentEventId();
    bus.publish({ type: "app-status", app: "b" });
    expect(bus.eventsSince(mark)?.map((e) => e.event.app)).toEqual(["b"]);
    expect(bus.eventsSince(new EventBus().currentEventId())).toBeUndefined();
  });

  it("cannot tell what was missed once the replay log dropped it", () => {
    const bus = new EventBus({ replaySize: 2 });
    const mark = bus.currentEventId();
    for (const app of ["a", "b", "c", "d"]) bus.publish({ type: "app-status", app });
    expect(bus.eventsSince(mark)).toBeUndefined();
  });

  it("stamps events with its clock", () => {
    const bus = new EventBus({ now: () => Date.parse("2026-01-02T03:04:05Z") });
    let at = "";
    bus.subscribe((e) => (at = e.event.at));
    bus.publish({ type: "app-status", app: "a" });
    expect(at).toBe("2026-01-02T03:04:05.000Z");
  });
});
