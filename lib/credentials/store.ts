/**
 * Repository credentials as the rest of Lockstep sees them: created, changed,
 * listed and deleted here, encrypted before they reach the database, and
 * returned only as views without their secret. `credentialsFor` is the
 * one function that hands a decrypted secret out — to `lib/source`, to talk to
 * Git. The decrypted entries and the loaded keys are cached by the store object.
 */
import type { DatabaseStores } from "@/lib/db/database";
import type { RepoCredentialData, RepoCredentialRow } from "@/lib/db/repo-credentials";
import type { RepoAuth } from "@/lib/source";

import { open, seal } from "./cipher";
import type { RepoCredentialCreate, RepoCredentialUpdate } from "./schema";
import { loadKeyRing, type KeyRing, type KeyRingOptions } from "./secret-key";
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

function toAuth(row: RepoCredentialRow, secret: string): RepoAuth {
  if (row.kind === "ssh") return { ssh: { privateKey: secret, knownHosts: row.knownHosts ?? undefined } };
  return { basic: { username: row.username ?? "", password: secret } };
}

/** What a credential store is built from. */
export interface CredentialStoreDependencies {
  /** The credential rows' store; a whole `Database` will do. */
  db: Pick<DatabaseStores, "repoCredentials">;
  /** The keys to use; when absent they are loaded with {@link loadKeyRing} and `keyRingOptions`. */
  keyRing?: KeyRing;
  /** Where keys are loaded from (environment, data directory). @default process.env and the data directory */
  keyRingOptions?: KeyRingOptions;
  /** The current time in milliseconds, for the cache. @default Date.now */
  clock?: () => number;
}

/**
 * Repository credentials on one database: encrypted writes, secret-free views, and
 * `credentialsFor` for Git, with decrypted entries cached for a few seconds.
 */
export function createCredentialStore({ db, keyRing: fixedKeyRing, keyRingOptions = {}, clock = Date.now }: CredentialStoreDependencies) {
  const rows = db.repoCredentials;
  let cache: { loaded: Promise<DecryptedEntry[]>; at: number } | undefined;
  let ring: Promise<KeyRing> | undefined = fixedKeyRing ? Promise.resolve(fixedKeyRing) : undefined;

  function keyRing(): Promise<KeyRing> {
    if (!ring) {
      const loading = loadKeyRing(keyRingOptions);
      loading.catch(() => {
        if (ring === loading) ring = undefined;
      });
      ring = loading;
    }
    return ring;
  }

  /** Forgets decrypted credentials and, with `keys` (unless keys were given), the loaded keys, so the next lookup reads both again. */
  function forgetCachedCredentials(options: { keys?: boolean } = {}): void {
    cache = undefined;
    if (options.keys && !fixedKeyRing) ring = undefined;
  }

  /** Every stored credential, without secrets. */
  async function listRepoCredentials(): Promise<RepoCredentialView[]> {
    return (await rows.listRepoCredentialRows()).map(toView);
  }

  /** One credential without its secret, or a NotFoundError. */
  async function getRepoCredential(id: string): Promise<RepoCredentialView> {
    return toView(await rows.getRepoCredentialRow(id));
  }

  /** Encrypts and stores new credentials; a URL prefix already used is a ConflictError. */
  async function createRepoCredential(input: RepoCredentialCreate): Promise<RepoCredentialView> {
    const keys = await keyRing();
    const secret = input.kind === "https" ? (input.password ?? "") : (input.privateKey ?? "").trim() + "\n";
    const data: RepoCredentialData = {
      urlPrefix: input.urlPrefix,
      kind: input.kind,
      username: input.kind === "https" ? (input.username ?? null) : null,
      secret: seal(secret, keys),
      knownHosts: input.kind === "ssh" ? input.knownHosts?.trim() || null : null,
    };
    const row = await rows.insertRepoCredentialRow(data);
    forgetCachedCredentials();
    return toView(row);
  }

  /** Changes credentials; an absent or empty secret keeps the stored one. */
  async function updateRepoCredential(id: string, update: RepoCredentialUpdate): Promise<RepoCredentialView> {
    const current = await rows.getRepoCredentialRow(id);
    const data: Partial<RepoCredentialData> = {};
    if (update.urlPrefix !== undefined) data.urlPrefix = update.urlPrefix;
    if (current.kind === "https") {
      if (update.username) data.username = update.username;
      if (update.password) data.secret = seal(update.password, await keyRing());
    } else {
      if (update.privateKey) data.secret = seal(update.privateKey.trim() + "\n", await keyRing());
      if (update.knownHosts !== undefined) data.knownHosts = update.knownHosts?.trim() || null;
    }
    const row = await rows.updateRepoCredentialRow(id, data);
    forgetCachedCredentials();
    return toView(row);
  }

  /** Deletes credentials; a missing id is a NotFoundError. */
  async function deleteRepoCredential(id: string): Promise<void> {
    await rows.deleteRepoCredentialRow(id);
    forgetCachedCredentials();
  }

  /** Decrypts every row; a row sealed with a previous key is re-sealed with the current one (key rotation). */
  async function loadDecrypted(): Promise<DecryptedEntry[]> {
    const [stored, keys] = await Promise.all([rows.listRepoCredentialRows(), keyRing()]);
    return Promise.all(
      stored.map(async (row): Promise<DecryptedEntry> => {
        const entry = { urlPrefix: row.urlPrefix, kind: row.kind as CredentialKind };
        try {
          const opened = open(row.secret, keys);
          if (opened.isStale) await rows.replaceRepoCredentialSecret(row.id, row.secret, seal(opened.plaintext, keys));
          return { ...entry, auth: toAuth(row, opened.plaintext) };
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          return { ...entry, error: new SecretKeyError(`The credentials for ${row.urlPrefix} cannot be used: ${reason}`) };
        }
      }),
    );
  }

  function decryptedEntries(): Promise<DecryptedEntry[]> {
    if (cache && clock() - cache.at < CACHE_TTL_MS) return cache.loaded;
    const loaded = loadDecrypted();
    cache = { loaded, at: clock() };
    loaded.catch(() => {
      if (cache?.loaded === loaded) cache = undefined;
    });
    return loaded;
  }

  /**
   * The credentials for a repository URL: the stored entry with the longest URL
   * prefix covering it, for its transport; `undefined` when none does.
   * @throws SecretKeyError when a stored secret cannot be decrypted with the configured keys.
   */
  async function credentialsFor(repoUrl: string): Promise<RepoAuth | undefined> {
    const match = bestMatch(await decryptedEntries(), repoUrl);
    if (match?.error) throw match.error;
    return match?.auth;
  }

  return { listRepoCredentials, getRepoCredential, createRepoCredential, updateRepoCredential, deleteRepoCredential, credentialsFor, forgetCachedCredentials };
}

/** A credential store: see {@link createCredentialStore}. */
export type CredentialStore = ReturnType<typeof createCredentialStore>;
