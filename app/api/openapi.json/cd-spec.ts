import { z } from "zod";
import { setImageRequestSchema } from "@/lib/cd";
import { repoCredentialCreateSchema, repoCredentialUpdateSchema } from "@/lib/credentials";

const json = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
const error = (description: string) => ({ description, content: json("Error") });
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" }, description: "Credential id." };

/** The CD half's routes: image bumps, Git webhooks and repository credentials. */
export const cdPaths = {
  "/api/images": {
    post: {
      summary: "Set an image in a kustomization in Git (commit and push)",
      description:
        "The HTTP form of `lockstep set-image`: clones the repository, edits the images: entry, commits and pushes, re-applying the edit when other pipelines push first. Authenticated by `Authorization: Bearer <LOCKSTEP_CI_TOKEN>`; uses the stored repository credentials.",
      security: [{ ciToken: [] }],
      requestBody: { required: true, content: json("SetImageRequest") },
      responses: {
        "200": { description: "Committed, or already set (status `unchanged`, no commit).", content: json("SetImageResult") },
        "401": error("Missing or wrong CI token."),
        "409": error("The branch kept moving; nothing was pushed."),
        "422": error("Malformed image, path or kustomization."),
        "502": error("The Git host failed or refused the push."),
      },
    },
  },
  "/api/webhooks/git": {
    post: {
      summary: "Push webhook from GitHub, GitLab, Gitea, Forgejo or Bitbucket",
      description:
        "Verified with LOCKSTEP_WEBHOOK_SECRET (X-Hub-Signature-256, X-Gitlab-Token, X-Gitea-Signature, X-Forgejo-Signature, X-Hub-Signature). Apps on the pushed repository that follow the pushed branch (or HEAD, for the default branch) are refreshed right after the answer.",
      responses: {
        "200": { description: "A ping, verified.", content: json("WebhookAnswer") },
        "202": { description: "Refreshing the listed apps, or ignored (no app uses the repository or follows the branch).", content: json("WebhookAnswer") },
        "400": error("Not a webhook of a supported host, or not JSON."),
        "401": error("Bad or missing signature, or no secret configured; nothing is refreshed."),
        "413": error("The body is larger than 25 MiB (GitHub's cap on a push payload); every other API route takes at most 1 MiB."),
      },
    },
  },
  "/api/repositories": {
    get: { summary: "List repository credentials (never their secrets)", responses: { "200": { description: "Credentials.", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/RepoCredential" } } } } } } },
    post: {
      summary: "Store repository credentials (encrypted; write-only secret)",
      requestBody: { required: true, content: json("RepoCredentialCreate") },
      responses: { "201": { description: "Stored.", content: json("RepoCredential") }, "409": error("URL prefix already used."), "422": error("Invalid fields.") },
    },
  },
  "/api/repositories/{id}": {
    parameters: [idParam],
    get: { summary: "One repository credential (never its secret)", responses: { "200": { description: "The credential.", content: json("RepoCredential") }, "404": error("No such credential.") } },
    patch: {
      summary: "Change repository credentials; an empty secret keeps the stored one",
      requestBody: { required: true, content: json("RepoCredentialUpdate") },
      responses: { "200": { description: "Changed.", content: json("RepoCredential") }, "404": error("No such credential."), "409": error("URL prefix already used."), "422": error("Invalid fields.") },
    },
    delete: { summary: "Delete repository credentials", responses: { "204": { description: "Deleted." }, "404": error("No such credential.") } },
  },
};

/** The schemas {@link cdPaths} refers to. */
export function cdSchemas(): Record<string, unknown> {
  return {
    SetImageRequest: z.toJSONSchema(setImageRequestSchema, { io: "input" }),
    SetImageResult: {
      type: "object",
      properties: {
        status: { enum: ["committed", "unchanged"] },
        commit: { type: "string" },
        branch: { type: "string" },
        file: { type: "string" },
        attempts: { type: "integer" },
        message: { type: "string" },
      },
    },
    WebhookAnswer: { type: "object", properties: { result: { enum: ["refreshing", "ignored", "pong"] }, message: { type: "string" }, apps: { type: "array", items: { type: "string" } } } },
    RepoCredentialCreate: z.toJSONSchema(repoCredentialCreateSchema, { io: "input", unrepresentable: "any" }),
    RepoCredentialUpdate: z.toJSONSchema(repoCredentialUpdateSchema, { io: "input", unrepresentable: "any" }),
    RepoCredential: {
      type: "object",
      properties: {
        id: { type: "string" },
        urlPrefix: { type: "string" },
        kind: { enum: ["https", "ssh"] },
        username: { type: ["string", "null"] },
        knownHosts: { type: ["string", "null"] },
        hasSecret: { const: true },
        createdAt: { type: "string" },
        updatedAt: { type: "string" },
      },
    },
  };
}
