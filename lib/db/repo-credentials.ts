import { ConflictError, NotFoundError } from "@/lib/errors";
import type { Db } from "./client";

/** A repository credential row as stored: the secret is ciphertext, never plain. */
export interface RepoCredentialRow {
  id: string;
  urlPrefix: string;
  kind: string;
  username: string | null;
  /** AES-256-GCM ciphertext of the token or private key. */
  secret: string;
  knownHosts: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The columns a write sets; `secret` must already be encrypted. */
export type RepoCredentialData = Pick<RepoCredentialRow, "urlPrefix" | "kind" | "username" | "secret" | "knownHosts">;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

function taken(urlPrefix: string): ConflictError {
  return new ConflictError(`Credentials for "${urlPrefix}" already exist; edit them instead.`);
}

/** Repository credential rows (ciphertext only), on one database. */
export function createRepoCredentialsStore(db: Db) {
  /** Every credential row, by URL prefix. */
  async function listRepoCredentialRows(): Promise<RepoCredentialRow[]> {
    return db.repoCredential.findMany({ orderBy: { urlPrefix: "asc" } });
  }

  /** One row by id, or a NotFoundError. */
  async function getRepoCredentialRow(id: string): Promise<RepoCredentialRow> {
    const row = await db.repoCredential.findUnique({ where: { id } });
    if (!row) throw new NotFoundError(`Repository credentials "${id}" do not exist.`);
    return row;
  }

  /** Stores a new row; a URL prefix already used is a ConflictError. */
  async function insertRepoCredentialRow(data: RepoCredentialData): Promise<RepoCredentialRow> {
    try {
      return await db.repoCredential.create({ data });
    } catch (error) {
      if (isUniqueViolation(error)) throw taken(data.urlPrefix);
      throw error;
    }
  }

  /** Changes a row; a missing id is a NotFoundError, a URL prefix already used a ConflictError. */
  async function updateRepoCredentialRow(id: string, data: Partial<RepoCredentialData>): Promise<RepoCredentialRow> {
    await getRepoCredentialRow(id);
    try {
      return await db.repoCredential.update({ where: { id }, data });
    } catch (error) {
      if (isUniqueViolation(error)) throw taken(data.urlPrefix ?? "");
      throw error;
    }
  }

  /** Replaces only the ciphertext of a row (re-encryption with a new key), if it still holds `previous`. */
  async function replaceRepoCredentialSecret(id: string, previous: string, secret: string): Promise<void> {
    await db.repoCredential.updateMany({ where: { id, secret: previous }, data: { secret } });
  }

  /** Deletes a row; a missing id is a NotFoundError. */
  async function deleteRepoCredentialRow(id: string): Promise<void> {
    const { count } = await db.repoCredential.deleteMany({ where: { id } });
    if (count === 0) throw new NotFoundError(`Repository credentials "${id}" do not exist.`);
  }

  return { listRepoCredentialRows, getRepoCredentialRow, insertRepoCredentialRow, updateRepoCredentialRow, replaceRepoCredentialSecret, deleteRepoCredentialRow };
}

/** The repoCredentials store's methods. */
export type RepoCredentialsStore = ReturnType<typeof createRepoCredentialsStore>;
