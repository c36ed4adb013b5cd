import { passwordRoute } from "@/app/api/_routes/auth";
import { route } from "@/app/api/_shared/route";

/** Changes the signed-in user's password (the current one is required); ends their other sessions. */
export const POST = route(passwordRoute, async ({ engine, caller, body }) => {
  const user = await engine.auth.changePassword(caller, body);
  return { user: { name: user.name, role: user.role }, mustChangePassword: user.mustChangePassword };
});
