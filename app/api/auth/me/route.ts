import { meRoute } from "@/app/api/_routes/auth";
import { route } from "@/app/api/_shared/route";

/** Who the caller is: name, kind, role, grants, token scope, and whether the password must change. */
export const GET = route(meRoute, async ({ caller }) => ({
  name: caller.name,
  kind: caller.kind,
  role: caller.role,
  grants: caller.grants,
  scope: caller.scope ?? null,
  mustChangePassword: caller.mustChangePassword,
}));
