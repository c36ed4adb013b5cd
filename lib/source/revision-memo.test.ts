import { describe, expect, it } from "vitest";

import { createRevisionMemo } from "./revision-memo";

describe("createRevisionMemo", () => {
  it("asks once per repository and revision, whatever credentials or trailing slash the URL carries", async () => {
    const memo = createRevisionMemo();
    let calls = 0;
    const lookup = async () => {
      calls += 1;
      return "a".repeat(40);
    };
    const answers = await Promise.all([
      memo.resolve("https://git.example/org/repo.git", "main", lookup),
      memo.resolve("https://bot:token@git.example/org/repo.git/", "main", lookup),
      memo.resolve("https://git.example/org/repo.git", "main", lookup),
    ]);
    expect(answers).toEqual(["a".repeat(40), "a".repeat(40), "a".repeat(40)]);
    expect(calls).toBe(1);
    expect(memo.lookups).toBe(1);
  });

  it("asks again for another revision or another repository", async () => {
    const memo = createRevisionMemo();
    const seen: string[] = [];
    const lookupOf = (label: string) => async () => {
      seen.push(label);
      return label;
    };
    await memo.resolve("https://git.example/a.git", "main", lookupOf("a@main"));
    await memo.resolve("https://git.example/a.git", "dev", lookupOf("a@dev"));
    await memo.resolve("https://git.example/b.git", "main", lookupOf("b@main"));
    expect(seen).toEqual(["a@main", "a@dev", "b@main"]);
  });

  it("shares a failure, so an unreachable repository is asked once per cycle", async () => {
    const memo = createRevisionMemo();
    let calls = 0;
    const failing = async (): Promise<string> => {
      calls += 1;
      throw new Error("unreachable");
    };
    await expect(memo.resolve("https://git.example/a.git", "main", failing)).rejects.toThrow("unreachable");
    await expect(memo.resolve("https://git.example/a.git", "main", failing)).rejects.toThrow("unreachable");
    expect(calls).toBe(1);
  });
});
