import { describe, expect, it } from "vitest";
import { TooManyAttemptsError } from "./errors";
import { createPasswordHasher, generatePassword, hashPassword, newPasswordProblem, verifyNothing, verifyPassword } from "./password";

describe("password hashing", () => {
  it("verifies the password it hashed and refuses any other", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^scrypt\$17\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(hash).not.toContain("correct horse battery");
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
  });

  it("salts every hash, so the same password hashes differently", async () => {
    expect(await hashPassword("same password here")).not.toBe(await hashPassword("same password here"));
  });

  it("refuses malformed stored hashes instead of throwing", async () => {
    expect(await verifyPassword("x", "plain-text")).toBe(false);
    expect(await verifyPassword("x", "scrypt$17$8$1$$")).toBe(false);
    expect(await verifyNothing("x")).toBe(false);
  });

  it("asks for at least 12 characters in a new password", () => {
    expect(newPasswordProblem("short")).toMatch(/at least 12 characters/);
    expect(newPasswordProblem("long enough password")).toBeUndefined();
  });

  it("generates distinct 24-character passwords", () => {
    const a = generatePassword();
    expect(a).toHaveLength(24);
    expect(generatePassword()).not.toBe(a);
  });
});

describe("the bounded password hasher", () => {
  it("runs a few hashes at once, lets a few wait, and answers busy beyond that", async () => {
    const hasher = createPasswordHasher({ concurrency: 1, maxWaiting: 1 });
    const results = await Promise.allSettled([hasher.hash("first password"), hasher.hash("second password"), hasher.hash("third password")]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(TooManyAttemptsError);
    expect(await hasher.verify("first password", (results[0] as PromiseFulfilledResult<string>).value)).toBe(true);
  }, 30_000);
});
