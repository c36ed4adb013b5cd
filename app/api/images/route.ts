import { setImageRoute } from "@/app/api/_routes/cd";
import { route } from "@/app/api/_shared/route";
import { ForbiddenError, UnauthorizedError } from "@/lib/auth/errors";

/**
 * Sets an image in a kustomization in Git, as `lockstep set-image` does: clone, edit,
 * commit, push (retrying when other pipelines push first). Authenticated by the CI token, or
 * by an API token with deployer rights on every app deploying the path (the wrapper refuses a
 * request without `Authorization` with 401 first). Only repositories registered apps deploy
 * from are written to (403 otherwise), never through a symbolic link (422).
 */
export const POST = route(setImageRoute, async ({ engine, body, request }) => {
  const verdict = await engine.images.authorize(request.headers.get("authorization"), body);
  if (!verdict.allowed) throw verdict.refusal === "unauthenticated" ? new UnauthorizedError(verdict.reason) : new ForbiddenError(verdict.reason);
  return engine.images.set(body);
});
