/** The CD half: Git push webhooks and image bumps from CI pipelines, both proving themselves in their handlers. */
import { setImageRequestSchema } from "@/lib/cd/image-request";
import { declareRoute } from "../_shared/declaration";
import { error, INVALID } from "./answers";

export const gitWebhookRoute = declareRoute({
  method: "POST",
  path: "/api/webhooks/git",
  permission: "anonymous",
  selfAuthentication: "webhook-signature",
  note: "Git hosts prove themselves with the webhook secret (HMAC signature or token), checked by lib/webhooks.",
  action: "webhook.git",
  summary: "Push webhook from GitHub, GitLab, Gitea, Forgejo or Bitbucket",
  description:
    "Verified with LOCKSTEP_WEBHOOK_SECRET (X-Hub-Signature-256, X-Gitlab-Token, X-Gitea-Signature, X-Forgejo-Signature, X-Hub-Signature). Apps on the pushed repository that follow the pushed branch are refreshed right after the answer. Bodies of up to 25 MiB are read.",
  responses: {
    200: { description: "A ping, verified." },
    202: { description: "Refreshing the listed apps, or ignored (no app uses the repository or follows the branch)." },
    400: error("Not a webhook of a supported host, or not JSON."),
    401: error("Bad or missing signature, or no secret configured; nothing is refreshed."),
    413: error("The body is larger than 25 MiB (GitHub's cap on a push payload); every other API route takes at most 1 MiB."),
  },
});

export const setImageRoute = declareRoute({
  method: "POST",
  path: "/api/images",
  permission: "anonymous",
  selfAuthentication: "ci-token",
  note: "CI pipelines prove themselves with the CI token, checked by lib/cd/ci-token.ts.",
  action: "image.set",
  summary: "Set an image in a kustomization in Git (commit and push)",
  description:
    "The HTTP form of `lockstep set-image`: clones the repository, edits the images: entry, commits and pushes, re-applying the edit when other pipelines push first. Authenticated by the CI token, or by an API token with deployer rights on every app deploying the path. Only a repository a registered app deploys from is accepted (matched by host and path, whatever the spelling) and it is cloned by the app's registered URL; a kustomization reached through a symbolic link is refused; Git failures answer a fixed sentence, Git's own words go to the server log only.",
  body: setImageRequestSchema,
  responses: {
    200: { description: "Committed, or already set (status `unchanged`, no commit)." },
    401: error("Missing or wrong token."),
    403: error("The token may not deploy every app using this path, or no registered app deploys from the repository."),
    409: error("The branch kept moving; nothing was pushed."),
    ...INVALID,
    502: error("The Git host failed or refused the push (a fixed sentence; the server log has Git's words)."),
  },
});
