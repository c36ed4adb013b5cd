import { changeUser, removeUser } from "@/lib/auth/accounts";
import { userUpdateSchema } from "@/lib/auth/schemas";
import { requirePrincipal } from "../../_shared/principal";
import { parseJson, respond } from "../../_shared/respond";

type Context = { params: Promise<{ user: string }> };

/** Changes a user's role or grants, or resets their password (the new one is answered once). */
export async function PATCH(request: Request, { params }: Context): Promise<Response> {
  return respond(async () => {
    await requirePrincipal(request, { permission: "admin" });
    return changeUser((await params).user, await parseJson(request, userUpdateSchema));
  });
}

/** Deletes a user and ends their sessions; the last admin cannot be deleted. */
export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  return respond(async () => {
    await requirePrincipal(request, { permission: "admin" });
    await removeUser((await params).user);
  });
}
