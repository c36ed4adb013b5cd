import { passwordChangeSchema } from "@/lib/auth/schemas";
import { changePassword } from "@/lib/auth/sign-in";
import { requirePrincipal } from "../../_shared/principal";
import { parseJson, respond } from "../../_shared/respond";

/** Changes the signed-in user's password (the current one is required); ends their other sessions. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const principal = await requirePrincipal(request, { permission: "signed-in" });
    const user = await changePassword(principal, await parseJson(request, passwordChangeSchema));
    return { user: { name: user.name, role: user.role }, mustChangePassword: user.mustChangePassword };
  });
}
