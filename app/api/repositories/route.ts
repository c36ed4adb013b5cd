import { createRepoCredential, listRepoCredentials, repoCredentialCreateSchema } from "@/lib/credentials";
import { parseJson, respond } from "../_shared/respond";

/** Lists repository credentials: URL prefixes, kinds and user names — never a secret. */
export async function GET(): Promise<Response> {
  return respond(async () => listRepoCredentials());
}

/** Stores repository credentials, encrypted; answers them without their secret. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => createRepoCredential(await parseJson(request, repoCredentialCreateSchema)), 201);
}
