import { createUserRoute, listUsersRoute } from "@/app/api/_routes/admin";
import { route } from "@/app/api/_shared/route";

/** Every user, with role and grants (never password hashes). */
export const GET = route(listUsersRoute, async ({ engine }) => engine.auth.listUsers());

/** Creates a local user; a generated first password is answered once. The user must change it at first sign-in. */
export const POST = route(createUserRoute, async ({ engine, body }) => engine.auth.createUser(body));
