import { ConflictError, NotFoundError } from "@/lib/errors";
import type { Db } from "./client";

/** A registered cluster's row as stored: the secret is ciphertext, never plain. */
export interface ClusterRow {
  name: string;
  server: string;
  caData: string;
  /** `token` or `client-certificate`. */
  authKind: string;
  clientCertificate: string | null;
  /** AES-256-GCM ciphertext of the bearer token or the client key. */
  secret: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The columns a write sets; `secret` must already be encrypted. */
export type ClusterData = Pick<ClusterRow, "name" | "server" | "caData" | "authKind" | "clientCertificate" | "secret">;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

const missing = (name: string) => new NotFoundError(`Cluster "${name}" is not registered.`);

/** Registered cluster rows (ciphertext only), on one database. */
export function createClustersStore(db: Db) {
  /** Every row, by name. */
  async function listClusterRows(): Promise<ClusterRow[]> {
    return db.cluster.findMany({ orderBy: { name: "asc" } });
  }

  /** One row, or a NotFoundError. */
  async function getClusterRow(name: string): Promise<ClusterRow> {
    const row = await db.cluster.findUnique({ where: { name } });
    if (!row) throw missing(name);
    return row;
  }

  /** Stores a new row; a name already registered is a ConflictError. */
  async function insertClusterRow(data: ClusterData): Promise<ClusterRow> {
    try {
      return await db.cluster.create({ data });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`Cluster "${data.name}" is already registered; edit it instead.`);
      throw error;
    }
  }

  /** Changes a row (never its name); a missing name is a NotFoundError. */
  async function updateClusterRow(name: string, data: Partial<Omit<ClusterData, "name">>): Promise<ClusterRow> {
    const { count } = await db.cluster.updateMany({ where: { name }, data });
    if (count === 0) throw missing(name);
    return getClusterRow(name);
  }

  /** Replaces only the ciphertext of a row (re-encryption with a new key), if it still holds `previous`. */
  async function replaceClusterSecret(name: string, previous: string, secret: string): Promise<void> {
    await db.cluster.updateMany({ where: { name, secret: previous }, data: { secret } });
  }

  /** The names of the apps whose destination is this cluster, by name. */
  async function appsOnCluster(name: string): Promise<string[]> {
    const apps = await db.app.findMany({ where: { destCluster: name }, select: { name: true }, orderBy: { name: "asc" } });
    return apps.map((app) => app.name);
  }

  /**
   * Deletes a row unless an app deploys there (ConflictError naming them, checked in the same
   * transaction); a missing name is a NotFoundError.
   */
  async function deleteClusterRow(name: string): Promise<void> {
    await db.$transaction(async (tx) => {
      const apps = await tx.app.findMany({ where: { destCluster: name }, select: { name: true }, orderBy: { name: "asc" }, take: 6 });
      if (apps.length > 0) {
        const names = apps.slice(0, 5).map((app) => app.name).join(", ");
        throw new ConflictError(`Cluster "${name}" cannot be deleted while applications deploy to it (${names}${apps.length > 5 ? ", ..." : ""}).`);
      }
      const { count } = await tx.cluster.deleteMany({ where: { name } });
      if (count === 0) throw missing(name);
    });
  }

  return { listClusterRows, getClusterRow, insertClusterRow, updateClusterRow, replaceClusterSecret, appsOnCluster, deleteClusterRow };
}

/** The clusters store's methods. */
export type ClustersStore = ReturnType<typeof createClustersStore>;
