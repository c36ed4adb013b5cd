import { afterEach, describe, expect, it } from "vitest";
import { engineHolder as holder, getEngine, type ServerEngine } from "./current";

describe("getEngine", () => {
  afterEach(() => {
    delete holder.lockstepEngine;
  });

  it("answers the engine instrumentation built, the same one on every call", () => {
    const engine = { marker: "built" } as unknown as ServerEngine;
    holder.lockstepEngine = engine;
    expect(getEngine()).toBe(engine);
    expect(getEngine()).toBe(engine);
  });

  it("refuses with a sentence naming where the engine is built, rather than building one itself", () => {
    expect(() => getEngine()).toThrow(/^The engine has not been built: .*ensureEngine in lib\/engine\/instance/);
    expect(holder.lockstepEngine).toBeUndefined();
  });
});
