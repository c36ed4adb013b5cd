import { createRepositoryRoute, listRepositoriesRoute } from "@/app/api/_routes/admin";
import { route } from "@/app/api/_shared/route";

/** Lists repository credentials: URL prefixes, kinds and user names — never a secret. */
export const GET = route(listRepositoriesRoute, async ({ engine }) => engine.credentials.list());

/** Stores repository credentials, encrypted; answers them without their secret. */
export const POST = route(createRepositoryRoute, async ({ engine, body }) => engine.credentials.create(body));
