/** Users, API tokens, repository credentials and registered clusters: for admins only. */
import { newTokenSchema, newUserSchema, userUpdateSchema } from "@/lib/auth/schemas";
import { clusterCreateSchema, clusterUpdateSchema } from "@/lib/clusters/schema";
import { repoCredentialCreateSchema, repoCredentialUpdateSchema } from "@/lib/credentials/schema";
import { declareRoute } from "../_shared/declaration";
import { ADMIN_ERRORS, error, INVALID } from "./answers";

export const listUsersRoute = declareRoute({
  method: "GET",
  path: "/api/users",
  permission: "admin",
  summary: "List users",
  responses: { 200: { description: "Users with role and grants, never password hashes." }, ...ADMIN_ERRORS },
});

export const createUserRoute = declareRoute({
  method: "POST",
  path: "/api/users",
  permission: "admin",
  action: "user.create",
  summary: "Create a local user",
  description: "A generated first password is answered once; the user must change it at first sign-in.",
  body: newUserSchema,
  status: 201,
  responses: { 201: { description: "The user, and a generated first password when none was given." }, ...ADMIN_ERRORS, 409: error("Name taken."), ...INVALID },
});

export const updateUserRoute = declareRoute({
  method: "PATCH",
  path: "/api/users/[user]",
  permission: "admin",
  action: "user.update",
  summary: "Change a user's role or grants, or reset the password",
  body: userUpdateSchema,
  responses: { 200: { description: "The user (and a new password on reset)." }, ...ADMIN_ERRORS, 404: error("No such user."), 409: error("The last admin."), ...INVALID },
});

export const deleteUserRoute = declareRoute({
  method: "DELETE",
  path: "/api/users/[user]",
  permission: "admin",
  action: "user.delete",
  summary: "Delete a user and end their sessions",
  responses: { 204: { description: "Deleted." }, ...ADMIN_ERRORS, 404: error("No such user."), 409: error("The last admin.") },
});

export const listTokensRoute = declareRoute({
  method: "GET",
  path: "/api/tokens",
  permission: "admin",
  summary: "List API tokens",
  responses: { 200: { description: "Name, prefix, role, apps and expiry of every token; never the value." }, ...ADMIN_ERRORS },
});

export const createTokenRoute = declareRoute({
  method: "POST",
  path: "/api/tokens",
  permission: "admin",
  action: "token.create",
  summary: "Create an API token",
  body: newTokenSchema,
  status: 201,
  responses: { 201: { description: "The token and its value, shown in this answer and nowhere else, ever." }, ...ADMIN_ERRORS, ...INVALID },
});

export const deleteTokenRoute = declareRoute({
  method: "DELETE",
  path: "/api/tokens/[id]",
  permission: "admin",
  action: "token.revoke",
  summary: "Revoke an API token at once",
  responses: { 204: { description: "Revoked." }, ...ADMIN_ERRORS, 404: error("No such token.") },
});

export const listRepositoriesRoute = declareRoute({
  method: "GET",
  path: "/api/repositories",
  permission: "admin",
  summary: "List repository credentials",
  responses: { 200: { description: "URL prefixes, kinds and user names; never a secret." }, ...ADMIN_ERRORS },
});

export const createRepositoryRoute = declareRoute({
  method: "POST",
  path: "/api/repositories",
  permission: "admin",
  action: "repository.create",
  summary: "Store repository credentials (encrypted)",
  body: repoCredentialCreateSchema,
  status: 201,
  responses: { 201: { description: "The credential, without its secret." }, ...ADMIN_ERRORS, 409: error("A credential for this URL prefix exists."), ...INVALID },
});

export const getRepositoryRoute = declareRoute({
  method: "GET",
  path: "/api/repositories/[id]",
  permission: "admin",
  summary: "One repository credential, without its secret",
  responses: { 200: { description: "The credential." }, ...ADMIN_ERRORS, 404: error("No such credential.") },
});

export const updateRepositoryRoute = declareRoute({
  method: "PATCH",
  path: "/api/repositories/[id]",
  permission: "admin",
  action: "repository.update",
  summary: "Change a repository credential",
  description: "An absent or empty secret keeps the stored one.",
  body: repoCredentialUpdateSchema,
  responses: { 200: { description: "The credential, without its secret." }, ...ADMIN_ERRORS, 404: error("No such credential."), ...INVALID },
});

export const deleteRepositoryRoute = declareRoute({
  method: "DELETE",
  path: "/api/repositories/[id]",
  permission: "admin",
  action: "repository.delete",
  summary: "Delete a repository credential",
  responses: { 204: { description: "Deleted." }, ...ADMIN_ERRORS, 404: error("No such credential.") },
});

export const listClustersRoute = declareRoute({
  method: "GET",
  path: "/api/clusters",
  permission: "admin",
  summary: "List registered clusters with their connection state",
  responses: { 200: { description: "Name, server, CA, kind of authentication (hasToken, hasClientKey) and connection state; never a token or key." }, ...ADMIN_ERRORS },
});

export const createClusterRoute = declareRoute({
  method: "POST",
  path: "/api/clusters",
  permission: "admin",
  action: "cluster.create",
  summary: "Register a destination cluster (its token or key stored encrypted)",
  description: "A bearer token or a client certificate and key, not both; the secret is never answered.",
  body: clusterCreateSchema,
  status: 201,
  responses: { 201: { description: "The cluster, without its secret." }, ...ADMIN_ERRORS, 409: error("A cluster of this name is registered."), ...INVALID },
});

export const getClusterRoute = declareRoute({
  method: "GET",
  path: "/api/clusters/[name]",
  permission: "admin",
  summary: "One registered cluster and its connection state, without its secret",
  responses: { 200: { description: "The cluster." }, ...ADMIN_ERRORS, 404: error("No such cluster.") },
});

export const updateClusterRoute = declareRoute({
  method: "PATCH",
  path: "/api/clusters/[name]",
  permission: "admin",
  action: "cluster.update",
  summary: "Change a registered cluster",
  description: "Its name stays; a new token, or a new certificate and key, replaces the stored credentials, and absent ones keep them.",
  body: clusterUpdateSchema,
  responses: { 200: { description: "The cluster, without its secret." }, ...ADMIN_ERRORS, 404: error("No such cluster."), ...INVALID },
});

export const deleteClusterRoute = declareRoute({
  method: "DELETE",
  path: "/api/clusters/[name]",
  permission: "admin",
  action: "cluster.delete",
  summary: "Delete a registered cluster no application deploys to",
  responses: { 204: { description: "Deleted." }, ...ADMIN_ERRORS, 404: error("No such cluster."), 409: error("Applications deploy to it.") },
});
