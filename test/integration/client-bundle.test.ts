/**
 * Nothing of the server's secrets or secret-handling code reaches the browser: the built
 * client bundles hold no database client, no password hashing, no token digests and no
 * server-side environment variable names.
 */
import { glob, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

const FORBIDDEN = ["PrismaClient", "passwordHash", "tokenHash", "scrypt", "LOCKSTEP_ADMIN_PASSWORD", "LOCKSTEP_CI_TOKEN", "LOCKSTEP_SECRET_KEY", "DATABASE_URL"];

describe("the client bundles", () => {
  it("hold no server secrets or secret-handling code", async () => {
    const distDir = process.env.LOCKSTEP_DIST_DIR ?? ".next";
    const files: string[] = [];
    for await (const file of glob(path.join(distDir, "static", "**", "*.js"))) files.push(file);
    expect(files.length).toBeGreaterThan(0);
    const found: string[] = [];
    for (const file of files) {
      const text = await readFile(file, "utf8");
      for (const word of FORBIDDEN) if (text.includes(word)) found.push(`${word} in ${file}`);
    }
    expect(found).toEqual([]);
  });
});
