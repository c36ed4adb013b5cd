/**
 * Repository credentials as the rest of Lockstep sees them: created, changed,
 * listed and deleted here, encrypted before they reach the database, and
 * returned only as views without their secret. {@link credentialsFor} is the
 * one function that hands a decrypted secret out — to `lib/source`, to talk to
 * Git.
 */
import {
  deleteRepoCredentialRow,
  getRepoCredentialRow,
  insertRepoCredentialRow,
  listRepoCredentialRows,
  replaceRepoCredentialSecret,
  updateRepoCredentialRow,
  type RepoCredentialData,
  type RepoCredentialRow,
} from "@/lib/db/repo-credentials";
import type { RepoAuth } from "@/lib/source";

import { open, seal } from "./cipher";
import type { RepoCredentialCreate, RepoCredentialUpdate } from "./schema";
import { loadKeyRing, type KeyRing } from "./secret-key";
import { SecretKeyError } from "./secret-key-error";
import { bestMatch, type CredentialKind } from "./url-prefix";

/** A credential as shown by the API and the Repositories page: never the secret. */
export interface RepoCredentialView {
  id: string;
  urlPrefix: string;
  kind: CredentialKind;
  /** The HTTPS user name; null for SSH. */
  username: string | null;
  /** Trusted host keys for SSH (public information); null when the system's are used. */
  knownHosts: string | null;
  /** Always true: a secret is stored, and never shown. */
  hasSecret: true;
  createdAt: Date;
  updatedAt: Date;
}

/** A stored entry decrypted for use, or the reason it could not be. */
interface DecryptedEntry {
  urlPrefix: string;
  kind: CredentialKind;
  auth?: RepoAuth;
  error?: Error;
}

/** How long decrypted entries are reused before the database is read again (other processes may have changed it). */
const CACHE_TTL_MS = 15_000;

const globalForCredentials = globalThis as unknown as {
  lockstepCredentialCache?: { loaded: Promise<DecryptedEntry[]>; at: number };
  lockstepKeyRing?: Promise<KeyRing>;
};

function keyRing(): Promise<KeyRing> {
  if (!globalForCredentials.lockstepKeyRing) {
    const ring = loadKeyRing();
    ring.catch(() => {
      globalForCredentials.lockstepKeyRing = undefined;
    });
    globalForCredentials.lockstepKeyRing = ring;
  }
  return globalForCredentials.lockstepKeyRing;
}

/** Forgets decrypted credentials and the loaded keys, so the next lookup reads both again. */
export function forgetCachedCredentials(options: { keys?: boolean } = {}): void {
  globalForCredentials.lockstepCredentialCache = undefined;
  if (options.keys) globalForCredentials.lockstepKeyRing = undefined;
}

function toView(row: RepoCredentialRow): RepoCredentialView {
  return {
    id: row.id,
    urlPrefix: row.urlPrefix,
    kind: row.kind as CredentialKind,
    username: row.kind === "https" ? row.username : null,
    knownHosts: row.kind === "ssh" ? row.knownHosts : null,
    hasSecret: true,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Every stored credential, without secrets. */
export async function listRepoCredentials(): Promise<RepoCredentialView[]> {
  return (await listRepoCredentialRows()).map(toView);
}

/** One credential without its secret, or a NotFoundError. */
export async function getRepoCredential(id: string): Promise<RepoCredentialView> {
  return toView(await getRepoCredentialRow(id));
}

/** Encrypts and stores new credentials; a URL prefix already used is a ConflictError. */
export async function createRepoCredential(input: RepoCredentialCreate): Promise<RepoCredentialView> {
  const ring = await keyRing();
  const secret = input.kind === "https" ? (input.password ?? "") : (input.privateKey ?? "").trim() + "\n";
  const data: RepoCredentialData = {
    urlPrefix: input.urlPrefix,
    kind: input.kind,
    username: input.kind === "https" ? (input.username ?? null) : null,
    secret: seal(secret, ring),
    knownHosts: input.kind === "ssh" ? input.knownHosts?.trim() || null : null,
  };
  const row = await insertRepoCredentialRow(data);
  forgetCachedCredentials();
  return toView(row);
}

/** Changes credentials; an absent or empty secret keeps the stored one. */
export async function updateRepoCredential(id: string, update: RepoCredentialUpdate): Promise<RepoCredentialView> {
  const current = await getRepoCredentialRow(id);
  const data: Partial<RepoCredentialData> = {};
  if (update.urlPrefix !== undefined) data.urlPrefix = update.urlPrefix;
  if (current.kind === "https") {
    if (update.username) data.username = update.username;
    if (update.password) data.secret = seal(update.password, await keyRing());
  } else {
    if (update.privateKey) data.secret = seal(update.privateKey.trim() + "\n", await keyRing());
    if (update.knownHosts !== undefined) data.knownHosts = update.knownHosts?.trim() || null;
  }
  const row = await updateRepoCredentialRow(id, data);
  forgetCachedCredentials();
  return toView(row);
}

/** Deletes credentials; a missing id is a NotFoundError. */
export async function deleteRepoCredential(id: string): Promise<void> {
  await deleteRepoCredentialRow(id);
  forgetCachedCredentials();
}

function toAuth(row: RepoCredentialRow, secret: string): RepoAuth {
  if (row.kind === "ssh") return { ssh: { privateKey: secret, knownHosts: row.knownHosts ?? undefined } };
  return { basic: { username: row.username ?? "", password: secret } };
}

/** Decrypts every row; a row sealed with a previous key is re-sealed with the current one (key rotation). */
async function loadDecrypted(): Promise<DecryptedEntry[]> {
  const [rows, ring] = await Promise.all([listRepoCredentialRows(), keyRing()]);
  return Promise.all(
    rows.map(async (row): Promise<DecryptedEntry> => {
      const entry = { urlPrefix: row.urlPrefix, kind: row.kind as CredentialKind };
      try {
        const opened = open(row.secret, ring);
        if (opened.isStale) await replaceRepoCredentialSecret(row.id, row.secret, seal(opened.plaintext, ring));
        return { ...entry, auth: toAuth(row, opened.plaintext) };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { ...entry, error: new SecretKeyError(`The credentials for ${row.urlPrefix} cannot be used: ${reason}`) };
      }
    }),
  );
}

async function decryptedEntries(): Promise<DecryptedEntry[]> {
  const cached = globalForCredentials.lockstepCredentialCache;
  if (cached && Date.now() - cached.at < CACHE_TTL_MS) return cached.loaded;
  const loaded = loadDecrypted();
  globalForCredentials.lockstepCredentialCache = { loaded, at: Date.now() };
  loaded.catch(() => forgetCachedCredentials());
  return loaded;
}

/**
 * The credentials for a repository URL: the stored entry with the longest URL
 * prefix covering it, for its transport; `undefined` when none does.
 * @throws SecretKeyError when a stored secret cannot be decrypted with the configured keys.
 */
export async function credentialsFor(repoUrl: string): Promise<RepoAuth | undefined> {
  const match = bestMatch(await decryptedEntries(), repoUrl);
  if (match?.error) throw match.error;
  return match?.auth;
}
