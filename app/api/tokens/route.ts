import { issueApiToken } from "@/lib/auth/api-tokens";
import { newTokenSchema } from "@/lib/auth/schemas";
import { listApiTokens } from "@/lib/db/api-tokens";
import { requirePrincipal } from "../_shared/principal";
import { parseJson, respond } from "../_shared/respond";

/** Every API token (name, prefix, role, apps, expiry; never the value). */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    await requirePrincipal(request, { permission: "admin" });
    return listApiTokens();
  });
}

/** Creates an API token; its value is in this answer and nowhere else, ever. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const principal = await requirePrincipal(request, { permission: "admin" });
    return issueApiToken(await parseJson(request, newTokenSchema), principal);
  }, 201);
}
