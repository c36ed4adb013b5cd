import { describe, expect, it } from "vitest";
import type { AppCondition } from "@/lib/types";
import { unreachableConditionsOf } from "./unreachable";

const at = "2026-12-01T00:00:00.000Z";

describe("unreachableConditionsOf", () => {
  it("keeps only the RepoUnreachable conditions of a stored status", () => {
    const conditions: AppCondition[] = [
      { type: "RepoUnreachable", message: "git ls-remote failed: repository not found", observedAt: at },
      { type: "ComparisonError", message: "kustomize build failed", observedAt: at },
      { type: "SharedResourceWarning", message: "ConfigMap/a/b is also declared by other", observedAt: at },
    ];
    expect(unreachableConditionsOf(conditions)).toEqual([conditions[0]]);
  });

  it("answers none for a status without one", () => {
    expect(unreachableConditionsOf([{ type: "ComparisonError", message: "broken", observedAt: at }])).toEqual([]);
  });
});
