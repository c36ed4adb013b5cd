import { listAppSources } from "@/lib/db/app-sources";
import { requestRefresh } from "@/lib/engine/reconciler";
import { handleGitWebhook } from "@/lib/webhooks";

/**
 * Push webhooks from GitHub, GitLab, Gitea, Forgejo and Bitbucket: verified with the shared
 * secret, matched to apps, answered at once; the refresh runs after the answer.
 */
export async function POST(request: Request): Promise<Response> {
  const body = new Uint8Array(await request.arrayBuffer());
  const answer = await handleGitWebhook(request.headers, body, { listApps: listAppSources, requestRefresh });
  return Response.json(answer.body, { status: answer.status });
}
