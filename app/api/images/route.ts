import { ForbiddenError, UnauthorizedError } from "@/lib/auth/errors";
import { authorizeImageRequest, setImage, setImageRequestSchema, toSetImageOptions } from "@/lib/cd";
import { parseJson, respond } from "../_shared/respond";

/**
 * Sets an image in a kustomization in Git, as `lockstep set-image` does: clone, edit,
 * commit, push (retrying when other pipelines push first). Authenticated by the CI token, or
 * by an API token with deployer rights on every app deploying the path (see authorizeImageRequest).
 */
export async function POST(request: Request): Promise<Response> {
  const authorization = request.headers.get("authorization");
  if (!authorization) return Response.json({ error: "A CI token or API token is required: send Authorization: Bearer <token>." }, { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="lockstep-ci"' } });
  return respond(async () => {
    const body = await parseJson(request, setImageRequestSchema);
    const verdict = await authorizeImageRequest(authorization, body);
    if (!verdict.allowed) throw verdict.refusal === "unauthenticated" ? new UnauthorizedError(verdict.reason) : new ForbiddenError(verdict.reason);
    return setImage(toSetImageOptions(body));
  });
}
