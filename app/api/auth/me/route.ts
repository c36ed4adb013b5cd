import { requirePrincipal } from "../../_shared/principal";
import { respond } from "../../_shared/respond";

/** Who the caller is: name, kind, role, grants, token scope, and whether the password must change. */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const principal = await requirePrincipal(request, { permission: "signed-in" });
    return {
      name: principal.name,
      kind: principal.kind,
      role: principal.role,
      grants: principal.grants,
      scope: principal.scope ?? null,
      mustChangePassword: principal.mustChangePassword,
    };
  });
}
