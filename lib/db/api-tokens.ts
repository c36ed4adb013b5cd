/** API tokens, stored by the SHA-256 of their value, which is shown only once, at creation. */
import { NotFoundError } from "@/lib/errors";
import type { Role } from "@/lib/auth/roles";
import { getDb } from "./client";

/** A token as listed (never its value or digest). */
export interface ApiTokenRecord {
  id: string;
  name: string;
  /** The value's first characters, to recognise it. */
  prefix: string;
  role: Role;
  /** App globs it is limited to; null for every app. */
  apps: string[] | null;
  expiresAt: Date;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

type StoredToken = Omit<ApiTokenRecord, "role" | "apps"> & { role: string; apps: string | null; tokenHash: string };

function toRecord(token: StoredToken): ApiTokenRecord {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    role: token.role as Role,
    apps: token.apps === null ? null : (JSON.parse(token.apps) as string[]),
    expiresAt: token.expiresAt,
    createdBy: token.createdBy,
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt,
  };
}

/** What creating a token stores. */
export interface NewApiToken {
  name: string;
  tokenHash: string;
  prefix: string;
  role: Role;
  apps: string[] | null;
  expiresAt: Date;
  createdBy: string;
}

/** Stores a new token. */
export async function createApiToken(token: NewApiToken): Promise<ApiTokenRecord> {
  const created = await (await getDb()).apiToken.create({ data: { ...token, apps: token.apps === null ? null : JSON.stringify(token.apps) } });
  return toRecord(created);
}

/** All tokens, newest first. */
export async function listApiTokens(): Promise<ApiTokenRecord[]> {
  return (await (await getDb()).apiToken.findMany({ orderBy: { createdAt: "desc" } })).map(toRecord);
}

/** The unexpired token with this digest, or undefined; notes when it was used (at most once a minute). */
export async function findApiToken(tokenHash: string): Promise<ApiTokenRecord | undefined> {
  const db = await getDb();
  const token = await db.apiToken.findUnique({ where: { tokenHash } });
  if (!token || token.expiresAt.getTime() <= Date.now()) return undefined;
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.updateMany({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
  }
  return toRecord(token);
}

/** Revokes (deletes) a token; an unknown id → 404. */
export async function deleteApiToken(id: string): Promise<void> {
  const { count } = await (await getDb()).apiToken.deleteMany({ where: { id } });
  if (count === 0) throw new NotFoundError(`API token "${id}" does not exist.`);
}
