import { listAppSources } from "@/lib/db/app-sources";
import { requestRefresh } from "@/lib/engine/reconciler";
import { readBodyWithin, WEBHOOK_BODY_LIMIT } from "@/lib/http/body-limit";
import { handleGitWebhook } from "@/lib/webhooks";

/**
 * Push webhooks from GitHub, GitLab, Gitea, Forgejo and Bitbucket: verified with the shared
 * secret, matched to apps, answered at once; the refresh runs after the answer. Bodies of up
 * to 25 MiB are read (GitHub's push payloads reach 25 MB); a larger one is refused with 413.
 */
export async function POST(request: Request): Promise<Response> {
  const body = await readBodyWithin(request.body, WEBHOOK_BODY_LIMIT.bytes);
  if (!body) return Response.json({ error: WEBHOOK_BODY_LIMIT.tooLarge }, { status: 413 });
  const answer = await handleGitWebhook(request.headers, body, { listApps: listAppSources, requestRefresh });
  return Response.json(answer.body, { status: answer.status });
}
