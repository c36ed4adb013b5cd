import { gitWebhookRoute } from "@/app/api/_routes/cd";
import { route } from "@/app/api/_shared/route";
import { readBodyWithin, WEBHOOK_BODY_LIMIT } from "@/lib/http/body-limit";

/**
 * Push webhooks from GitHub, GitLab, Gitea, Forgejo and Bitbucket: verified with the shared
 * secret, matched to apps, answered at once; the refresh runs after the answer. Bodies of up
 * to 25 MiB are read (GitHub's push payloads reach 25 MB); a larger one is refused with 413.
 */
export const POST = route(gitWebhookRoute, async ({ engine, request }) => {
  const body = await readBodyWithin(request.body, WEBHOOK_BODY_LIMIT.bytes);
  if (!body) return Response.json({ error: WEBHOOK_BODY_LIMIT.tooLarge }, { status: 413 });
  const answer = await engine.gitWebhook(request.headers, body);
  return Response.json(answer.body, { status: answer.status });
});
