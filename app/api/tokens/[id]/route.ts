import { deleteTokenRoute } from "@/app/api/_routes/admin";
import { route } from "@/app/api/_shared/route";

/** Revokes an API token at once. */
export const DELETE = route(deleteTokenRoute, async ({ engine, params }) => {
  await engine.auth.deleteToken(params.id);
});
