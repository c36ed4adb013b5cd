/**
 * Roles and permissions. A role is what a person or token is (`viewer` < `deployer` <
 * `admin`); a permission is what a route or action needs, which adds the two levels below
 * any role: `anonymous` (no sign-in) and `signed-in` (any signed-in principal, even one
 * whose password must still be changed).
 */

/** The roles, weakest first. */
export const ROLES = ["viewer", "deployer", "admin"] as const;

/** What a user or API token may do: read (`viewer`), deploy granted apps (`deployer`), everything (`admin`). */
export type Role = (typeof ROLES)[number];

/** What a route or server action requires, weakest first. */
export const PERMISSIONS = ["anonymous", "signed-in", ...ROLES] as const;

/** A requirement of the access policy. */
export type Permission = (typeof PERMISSIONS)[number];

/** True for one of {@link ROLES}. */
export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** True when `role` is `other` or stronger. */
export function isAtLeast(role: Role, other: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(other);
}
