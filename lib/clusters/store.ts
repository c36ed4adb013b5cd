/**
 * Registered clusters as the rest of Lockstep sees them: created, changed, listed and deleted
 * here, their bearer token or client key sealed with lib/credentials' cipher and key ring
 * (AES-256-GCM, purpose `cluster-credential`) before it reaches the database, and returned only
 * as views without it. `openConnection` is the one function that decrypts, for the in-memory
 * client configuration (lib/kube/registered-config).
 */
import { open, seal } from "@/lib/credentials/cipher";
import type { KeyRing } from "@/lib/credentials/secret-key";
import { SecretKeyError } from "@/lib/credentials/secret-key-error";
import type { ClusterData, ClusterRow, ClustersStore } from "@/lib/db/clusters";
import type { ClusterConnection } from "@/lib/kube/registered-config";
import type { ClusterAuthKind, ClusterCreate, ClusterUpdate } from "./schema";

const PURPOSE = "cluster-credential";

/** A registered cluster as the API and the Clusters page show it: never its token or key. */
export interface ClusterRecordView {
  name: string;
  server: string;
  /** The CA certificate(s), PEM: public. */
  caData: string;
  authKind: ClusterAuthKind;
  /** True when a bearer token is stored (never shown). */
  hasToken: boolean;
  /** True when a client certificate is stored (public, but not repeated here). */
  hasClientCertificate: boolean;
  /** True when a client key is stored (never shown). */
  hasClientKey: boolean;
  createdAt: Date;
  updatedAt: Date;
}

function toView(row: ClusterRow): ClusterRecordView {
  const isToken = row.authKind === "token";
  return {
    name: row.name,
    server: row.server,
    caData: row.caData,
    authKind: isToken ? "token" : "client-certificate",
    hasToken: isToken,
    hasClientCertificate: !isToken && row.clientCertificate !== null,
    hasClientKey: !isToken,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The authentication columns of a body that names a way to authenticate; undefined when it names none. */
function authColumns(input: Pick<ClusterUpdate, "token" | "clientCertificate" | "clientKey">, keys: KeyRing): Pick<ClusterData, "authKind" | "clientCertificate" | "secret"> | undefined {
  if (input.token) return { authKind: "token", clientCertificate: null, secret: seal(input.token, keys, PURPOSE) };
  if (input.clientCertificate && input.clientKey) return { authKind: "client-certificate", clientCertificate: input.clientCertificate, secret: seal(input.clientKey, keys, PURPOSE) };
  return undefined;
}

/** What a cluster record store is built from. */
export interface ClusterRecordsDependencies {
  /** The cluster rows' store. */
  rows: ClustersStore;
  /** The key ring, loaded once (lib/credentials' `keyRingLoader`). */
  keyRing: () => Promise<KeyRing>;
}

/** Registered clusters on one database: encrypted writes, secret-free views, decryption for the client configuration. */
export function createClusterRecords({ rows, keyRing }: ClusterRecordsDependencies) {
  /** Every registered cluster, without secrets. */
  async function list(): Promise<ClusterRecordView[]> {
    return (await rows.listClusterRows()).map(toView);
  }

  /** One registered cluster without its secret. @throws NotFoundError */
  async function get(name: string): Promise<ClusterRecordView> {
    return toView(await rows.getClusterRow(name));
  }

  /** Encrypts and stores a new cluster. @throws ConflictError when the name is registered. */
  async function create(input: ClusterCreate): Promise<ClusterRecordView> {
    const auth = authColumns(input, await keyRing());
    if (!auth) throw new Error("A validated cluster always names a way to authenticate.");
    return toView(await rows.insertClusterRow({ name: input.name, server: input.server, caData: input.caData, ...auth }));
  }

  /** Changes a cluster; a body naming no new token or certificate and key keeps the stored one. @throws NotFoundError */
  async function update(name: string, update: ClusterUpdate): Promise<ClusterRecordView> {
    const data: Partial<Omit<ClusterData, "name">> = { ...authColumns(update, await keyRing()) };
    if (update.server !== undefined) data.server = update.server;
    if (update.caData !== undefined) data.caData = update.caData;
    return toView(await rows.updateClusterRow(name, data));
  }

  /** Deletes a cluster. @throws ConflictError while an app deploys there; NotFoundError */
  async function remove(name: string): Promise<void> {
    await rows.deleteClusterRow(name);
  }

  /**
   * The connection of a stored row, its secret decrypted; a row sealed with a previous key is
   * re-sealed with the current one (key rotation).
   * @throws SecretKeyError naming the cluster (never the secret) when no key opens it.
   */
  async function openConnection(row: ClusterRow): Promise<ClusterConnection> {
    const keys = await keyRing();
    let secret: string;
    try {
      const opened = open(row.secret, keys, PURPOSE);
      if (opened.isStale) await rows.replaceClusterSecret(row.name, row.secret, seal(opened.plaintext, keys, PURPOSE));
      secret = opened.plaintext;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SecretKeyError(`The credentials of cluster ${row.name} cannot be used: ${reason}`);
    }
    const base = { name: row.name, server: row.server, caData: row.caData };
    return row.authKind === "token" ? { ...base, token: secret } : { ...base, clientCertificate: row.clientCertificate ?? "", clientKey: secret };
  }

  return { list, get, create, update, remove, openConnection, rows: () => rows.listClusterRows() };
}

/** A cluster record store: see {@link createClusterRecords}. */
export type ClusterRecords = ReturnType<typeof createClusterRecords>;
