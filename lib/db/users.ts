/**
 * Accounts: local users with a password hash, and users created at their first single sign-on.
 * Password hashes never leave this module except to the sign-in check (`getUserCredentials`).
 */
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { Role } from "@/lib/auth/roles";
import type { Db } from "./client";
import { accountProjectsSchema, readJsonColumn, userGrantsSchema, userGroupsSchema } from "./json-columns";

/** A user as shown and authorized (never the password hash). */
export interface UserRecord {
  id: string;
  name: string;
  role: Role;
  /** App globs a deployer may deploy. */
  grants: string[];
  mustChangePassword: boolean;
  source: "local" | "oidc";
  /** The OIDC groups of the last single sign-on (project roles bind groups); empty for local users. */
  groups: string[];
  /** Projects the user is limited to (their role applies to those projects' apps only); null for no limit. */
  projects: string[] | null;
  hasPassword: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
}

type StoredUser = {
  id: string;
  name: string;
  role: string;
  grants: string;
  mustChangePassword: boolean;
  source: string;
  groups: string;
  projects: string | null;
  passwordHash: string | null;
  lastSignInAt: Date | null;
  createdAt: Date;
};

/** A stored user row as shown and authorized: the grants decoded, the password hash dropped. */
export function toUserRecord(user: StoredUser): UserRecord {
  return {
    id: user.id,
    name: user.name,
    role: user.role as Role,
    grants: readJsonColumn(userGrantsSchema, user.grants, { table: "User", column: "grants", rowId: user.id }),
    mustChangePassword: user.mustChangePassword,
    source: user.source as UserRecord["source"],
    groups: readJsonColumn(userGroupsSchema, user.groups, { table: "User", column: "groups", rowId: user.id }),
    projects: user.projects === null ? null : readJsonColumn(accountProjectsSchema, user.projects, { table: "User", column: "projects", rowId: user.id }),
    hasPassword: user.passwordHash !== null,
    lastSignInAt: user.lastSignInAt,
    createdAt: user.createdAt,
  };
}

/** What creating a user needs. */
export interface NewUser {
  name: string;
  role: Role;
  grants?: string[];
  passwordHash: string | null;
  mustChangePassword?: boolean;
  source?: UserRecord["source"];
  groups?: string[];
  /** @default null (no limit) */
  projects?: string[] | null;
  /** For SSO users: the identity provider's key for them, unique among users. */
  oidcIdentity?: OidcIdentityKey;
}

/** How single sign-on finds its user: the issuer and the subject it gave the identity (OIDC Core §5.7: only this pair is stable and unique). */
export interface OidcIdentityKey {
  issuer: string;
  subject: string;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/** The fields an update may change. */
export interface UserUpdate {
  role?: Role;
  grants?: string[];
  passwordHash?: string;
  mustChangePassword?: boolean;
  lastSignInAt?: Date;
  groups?: string[];
  /** Null lifts the limit. */
  projects?: string[] | null;
}

/** Accounts, on one database. */
export function createUsersStore(db: Db) {
  /** How many users exist. */
  async function countUsers(): Promise<number> {
    return db.user.count();
  }

  /** Stores a new user; a taken name or SSO identity → 409. */
  async function createUser(user: NewUser): Promise<UserRecord> {
    if (await db.user.findUnique({ where: { name: user.name }, select: { id: true } })) {
      throw new ConflictError(`A user named "${user.name}" already exists.`);
    }
    const created = await db.user
      .create({
        data: {
        name: user.name,
        role: user.role,
        grants: JSON.stringify(user.grants ?? []),
        passwordHash: user.passwordHash,
        mustChangePassword: user.mustChangePassword ?? false,
        source: user.source ?? "local",
        groups: JSON.stringify(user.groups ?? []),
          projects: user.projects == null ? null : JSON.stringify(user.projects),
          oidcIssuer: user.oidcIdentity?.issuer ?? null,
          oidcSubject: user.oidcIdentity?.subject ?? null,
        },
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new ConflictError(`A user named "${user.name}" or with this single sign-on identity already exists.`, { cause: error });
        throw error;
      });
    return toUserRecord(created);
  }

  /** All users, by name. */
  async function listUsers(): Promise<UserRecord[]> {
    return (await db.user.findMany({ orderBy: { name: "asc" } })).map(toUserRecord);
  }

  /** One user by name, or undefined. */
  async function findUser(name: string): Promise<UserRecord | undefined> {
    const user = await db.user.findUnique({ where: { name } });
    return user ? toUserRecord(user) : undefined;
  }

  /** The user single sign-on made for an identity, or undefined. */
  async function findUserByOidcIdentity(identity: OidcIdentityKey): Promise<UserRecord | undefined> {
    const user = await db.user.findUnique({ where: { oidcIssuer_oidcSubject: { oidcIssuer: identity.issuer, oidcSubject: identity.subject } } });
    return user ? toUserRecord(user) : undefined;
  }

  /** One user by id, or undefined. */
  async function findUserById(id: string): Promise<UserRecord | undefined> {
    const user = await db.user.findUnique({ where: { id } });
    return user ? toUserRecord(user) : undefined;
  }

  /** A user and the password hash to check a sign-in against, or undefined. */
  async function getUserCredentials(name: string): Promise<{ user: UserRecord; passwordHash: string | null } | undefined> {
    const user = await db.user.findUnique({ where: { name } });
    return user ? { user: toUserRecord(user), passwordHash: user.passwordHash } : undefined;
  }

  /** Changes a user; an unknown name → 404. */
  async function updateUser(name: string, update: UserUpdate): Promise<UserRecord> {
    const { grants, groups, projects, ...rest } = update;
    const json = {
      ...(grants ? { grants: JSON.stringify(grants) } : {}),
      ...(groups ? { groups: JSON.stringify(groups) } : {}),
      ...(projects !== undefined ? { projects: projects === null ? null : JSON.stringify(projects) } : {}),
    };
    const { count } = await db.user.updateMany({ where: { name }, data: { ...rest, ...json } });
    if (count === 0) throw new NotFoundError(`User "${name}" does not exist.`);
    return (await findUser(name))!;
  }

  /** Deletes a user and their sessions; an unknown name → 404. */
  async function deleteUser(name: string): Promise<void> {
    const { count } = await db.user.deleteMany({ where: { name } });
    if (count === 0) throw new NotFoundError(`User "${name}" does not exist.`);
  }

  /** How many admins exist (the last one may not be removed or demoted). */
  async function countAdmins(): Promise<number> {
    return db.user.count({ where: { role: "admin" } });
  }

  return { countUsers, createUser, listUsers, findUser, findUserByOidcIdentity, findUserById, getUserCredentials, updateUser, deleteUser, countAdmins };
}

/** The users store's methods. */
export type UsersStore = ReturnType<typeof createUsersStore>;
