import { createLocalUser } from "@/lib/auth/accounts";
import { newUserSchema } from "@/lib/auth/schemas";
import { listUsers } from "@/lib/db/users";
import { requirePrincipal } from "../_shared/principal";
import { parseJson, respond } from "../_shared/respond";

/** Every user, with role and grants (never password hashes). */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    await requirePrincipal(request, { permission: "admin" });
    return listUsers();
  });
}

/** Creates a local user; a generated first password is answered once. The user must change it at first sign-in. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    await requirePrincipal(request, { permission: "admin" });
    return createLocalUser(await parseJson(request, newUserSchema));
  }, 201);
}
