import { deleteUserRoute, updateUserRoute } from "@/app/api/_routes/admin";
import { route } from "@/app/api/_shared/route";

/** Changes a user's role or grants, or resets their password (the new one is answered once). */
export const PATCH = route(updateUserRoute, async ({ engine, params, body }) => engine.auth.changeUser(params.user, body));

/** Deletes a user and ends their sessions; the last admin cannot be deleted. */
export const DELETE = route(deleteUserRoute, async ({ engine, params }) => {
  await engine.auth.removeUser(params.user);
});
