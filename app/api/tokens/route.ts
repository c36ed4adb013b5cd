import { createTokenRoute, listTokensRoute } from "@/app/api/_routes/admin";
import { route } from "@/app/api/_shared/route";

/** Every API token (name, prefix, role, apps, expiry; never the value). */
export const GET = route(listTokensRoute, async ({ engine }) => engine.auth.listTokens());

/** Creates an API token; its value is in this answer and nowhere else, ever. */
export const POST = route(createTokenRoute, async ({ engine, body, caller }) => engine.auth.issueToken(body, caller));
