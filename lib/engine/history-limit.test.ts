import { describe, expect, it } from "vitest";
import { historyLimitFor, historyLimitFromEnv } from "./history-limit";

describe("historyLimitFor", () => {
  it.each([
    ["the app's own limit", { historyLimit: 7 }, { LOCKSTEP_HISTORY_LIMIT: "20" }, 7],
    ["the environment's limit when the app has none", { historyLimit: null }, { LOCKSTEP_HISTORY_LIMIT: "20" }, 20],
    ["50 when neither says", {}, {}, 50],
    ["50 when the environment's value is not a positive whole number", {}, { LOCKSTEP_HISTORY_LIMIT: "many" }, 50],
  ])("uses %s", (_name, app, env, expected) => {
    expect(historyLimitFor(app, historyLimitFromEnv(env))).toBe(expected);
  });
});
