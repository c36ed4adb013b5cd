/** API tokens, stored by the SHA-256 of their value, which is shown only once, at creation. */
import { NotFoundError } from "@/lib/errors";
import type { Role } from "@/lib/auth/roles";
import type { Db } from "./client";
import { accountProjectsSchema, readJsonColumn, tokenAppsSchema } from "./json-columns";

/** A token as listed (never its value or digest). */
export interface ApiTokenRecord {
  id: string;
  name: string;
  /** The value's first characters, to recognise it. */
  prefix: string;
  role: Role;
  /** App globs it is limited to; null for every app. */
  apps: string[] | null;
  /** Projects it is limited to (its role applies to their apps only); null for no limit. */
  projects: string[] | null;
  expiresAt: Date;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

type StoredToken = Omit<ApiTokenRecord, "role" | "apps" | "projects"> & { role: string; apps: string | null; projects: string | null; tokenHash: string };

function toRecord(token: StoredToken): ApiTokenRecord {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    role: token.role as Role,
    apps: token.apps === null ? null : readJsonColumn(tokenAppsSchema, token.apps, { table: "ApiToken", column: "apps", rowId: token.id }),
    projects: token.projects === null ? null : readJsonColumn(accountProjectsSchema, token.projects, { table: "ApiToken", column: "projects", rowId: token.id }),
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
  /** @default null (no limit) */
  projects?: string[] | null;
  expiresAt: Date;
  createdBy: string;
}

/** API tokens, on one database. */
export function createApiTokensStore(db: Db) {
  /** Stores a new token. */
  async function createApiToken(token: NewApiToken): Promise<ApiTokenRecord> {
    const json = (value: string[] | null | undefined) => (value == null ? null : JSON.stringify(value));
    const created = await db.apiToken.create({ data: { ...token, apps: json(token.apps), projects: json(token.projects) } });
    return toRecord(created);
  }

  /** All tokens, newest first. */
  async function listApiTokens(): Promise<ApiTokenRecord[]> {
    return (await db.apiToken.findMany({ orderBy: { createdAt: "desc" } })).map(toRecord);
  }

  /** The unexpired token with this digest, or undefined; notes when it was used (at most once a minute). */
  async function findApiToken(tokenHash: string): Promise<ApiTokenRecord | undefined> {
    const token = await db.apiToken.findUnique({ where: { tokenHash } });
    if (!token || token.expiresAt.getTime() <= Date.now()) return undefined;
    if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) {
      await db.apiToken.updateMany({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
    }
    return toRecord(token);
  }

  /** Revokes (deletes) a token; an unknown id → 404. */
  async function deleteApiToken(id: string): Promise<void> {
    const { count } = await db.apiToken.deleteMany({ where: { id } });
    if (count === 0) throw new NotFoundError(`API token "${id}" does not exist.`);
  }

  return { createApiToken, listApiTokens, findApiToken, deleteApiToken };
}

/** The apiTokens store's methods. */
export type ApiTokensStore = ReturnType<typeof createApiTokensStore>;
