import { deleteRepoCredential, getRepoCredential, repoCredentialUpdateSchema, updateRepoCredential } from "@/lib/credentials";
import { parseJson, respond } from "../../_shared/respond";

type Context = { params: Promise<{ id: string }> };

/** One repository credential, without its secret. */
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  return respond(async () => getRepoCredential((await params).id));
}

/** Changes a repository credential; an absent or empty secret keeps the stored one. */
export async function PATCH(request: Request, { params }: Context): Promise<Response> {
  return respond(async () => updateRepoCredential((await params).id, await parseJson(request, repoCredentialUpdateSchema)));
}

/** Deletes a repository credential. */
export async function DELETE(_request: Request, { params }: Context): Promise<Response> {
  return respond(async () => {
    await deleteRepoCredential((await params).id);
  });
}
