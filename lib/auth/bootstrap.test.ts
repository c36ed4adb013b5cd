import { describe, expect, it } from "vitest";
import { MisconfiguredError } from "@/lib/errors";
import { createBootstrap } from "./bootstrap";
import type { ResolvedAuthDependencies } from "./dependencies";
import { createPasswordHasher } from "./password";

function emptyUsers(created: string[]): ResolvedAuthDependencies["db"] {
  const users = {
    countUsers: async () => 0,
    createUser: async (input: { name: string }) => {
      created.push(input.name);
      return input;
    },
  };
  return { users } as unknown as ResolvedAuthDependencies["db"];
}

describe("the first-start admin", () => {
  it("refuses a LOCKSTEP_ADMIN_PASSWORD shorter than the minimum, naming the variable, and creates nobody", async () => {
    const created: string[] = [];
    const bootstrap = createBootstrap({ db: emptyUsers(created), env: { LOCKSTEP_ADMIN_PASSWORD: "short" }, hasher: createPasswordHasher() });
    const refusal = bootstrap.ensureInitialAdmin();
    await expect(refusal).rejects.toThrow(MisconfiguredError);
    await expect(refusal).rejects.toThrow(/^LOCKSTEP_ADMIN_PASSWORD must have at least 12 characters/);
    expect(created).toEqual([]);
  });

  it("generates a password when LOCKSTEP_ADMIN_PASSWORD is empty", async () => {
    const created: string[] = [];
    const printed: string[] = [];
    const bootstrap = createBootstrap({ db: emptyUsers(created), env: { LOCKSTEP_ADMIN_PASSWORD: "" }, hasher: createPasswordHasher() });
    expect(await bootstrap.ensureInitialAdmin({ print: (text) => printed.push(text) })).toBe(true);
    expect(created).toEqual(["admin"]);
    expect(printed.join("")).toContain("password: ");
  }, 30_000);
});
