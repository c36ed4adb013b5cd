#!/usr/bin/env node
// Writes prisma/postgresql/schema.prisma: prisma/schema.prisma (the one source of truth, SQLite)
// with the PostgreSQL provider and its own client output, prisma/generated-pg. `npm run
// db:generate` runs this, then `prisma generate` on both schemas, so both clients always agree.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const source = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");

/** Replaces exactly one match of `pattern`, or fails loudly: a silent no-op would generate a SQLite client twice. */
function replaceOnce(text, pattern, replacement) {
  const matches = text.match(new RegExp(pattern.source, "g")) ?? [];
  if (matches.length !== 1) throw new Error(`prisma/schema.prisma must contain ${pattern} exactly once (found ${matches.length}).`);
  return text.replace(pattern, replacement);
}

let schema = replaceOnce(source, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"');
schema = replaceOnce(schema, /output\s*=\s*"\.\/generated"/, 'output       = "../generated-pg"');
const header = "// Generated from prisma/schema.prisma by tools/prisma/postgresql-schema.mjs; do not edit.\n";

mkdirSync(path.join(root, "prisma/postgresql"), { recursive: true });
writeFileSync(path.join(root, "prisma/postgresql/schema.prisma"), header + schema);
