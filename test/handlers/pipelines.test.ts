/**
 * The pipelines and promotion routes, called directly (no server, no cluster): validation of
 * pipelines and promotion requests field by field, who may declare a pipeline, promote and
 * approve, and that a caller limited to another project does not see the pipeline. The stage
 * apps' repository is unreachable and never compared, so their state is Unknown: a promotion
 * is refused before any Git read.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeclaredRouteHandler } from "@/app/api/_shared/route";
import type { Principal } from "@/lib/auth/principal";
import { appSpecSchema } from "@/lib/apps/spec";
import { projectSpecSchema } from "@/lib/projects/schema";

const dataDir = mkdtempSync(path.join(tmpdir(), "lockstep-pipelines-"));
process.env.LOCKSTEP_DATA_DIR = dataDir;
process.env.DATABASE_URL = `file:${path.join(dataDir, "handlers.db")}`;

type Answer = { error?: string; fields?: { field: string; message: string }[] } & Record<string, unknown>;

const STAGES = [
  { name: "dev", app: "shop-dev" },
  { name: "staging", app: "shop-staging" },
  { name: "prod", app: "shop-prod", approval: { role: "admin", scope: "global" } },
];

async function call(handler: DeclaredRouteHandler, options: { token: string; url: string; params?: Record<string, string>; body?: unknown }): Promise<{ status: number; body: Answer }> {
  const request = new Request(`http://localhost${options.url}`, {
    method: handler.declaration.method,
    headers: { "content-type": "application/json", authorization: `Bearer ${options.token}` },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  return { status: response.status, body: response.status === 204 ? {} : ((await response.json()) as Answer) };
}

const messages = (answer: Answer) => (answer.fields ?? []).map((field) => field.message);

describe("the pipeline and promotion routes", () => {
  const tokens: Record<string, string> = {};
  let routes: {
    pipelines: typeof import("@/app/api/pipelines/route");
    pipeline: typeof import("@/app/api/pipelines/[service]/route");
    history: typeof import("@/app/api/pipelines/[service]/promotions/route");
    preview: typeof import("@/app/api/pipelines/[service]/promotions/preview/route");
    promote: typeof import("@/app/api/pipelines/[service]/promote/route");
    approve: typeof import("@/app/api/promotions/[id]/approve/route");
  };

  beforeAll(async () => {
    const { ensureEngine } = await import("@/lib/engine/instance");
    const admin: Principal = { kind: "user", name: "pipelines-admin", role: "admin", grants: ["*"], mustChangePassword: false };
    const engine = ensureEngine();
    const issue = async (name: string, role: "viewer" | "deployer" | "admin", projects: string[] | null) =>
      (tokens[name] = (await engine.auth.issueToken({ name, role, apps: null, projects, expiresInDays: 1 }, admin)).value);
    await issue("admin", "admin", null);
    await issue("viewer", "viewer", null);
    await issue("deployer", "deployer", null);
    await issue("other-team", "deployer", ["team-b"]);
    for (const team of ["team-a", "team-b"]) await engine.projects.create(projectSpecSchema.parse({ name: team, sourceRepos: ["*"], appNamespace: true }), admin);
    for (const stage of STAGES) {
      await engine.apps.create(appSpecSchema.parse({ name: stage.app, project: "team-a", repoUrl: "http://127.0.0.1:9/none.git", path: `services/shop/overlays/${stage.name}`, destNamespace: "team-a" }), admin);
    }
    routes = {
      pipelines: await import("@/app/api/pipelines/route"),
      pipeline: await import("@/app/api/pipelines/[service]/route"),
      history: await import("@/app/api/pipelines/[service]/promotions/route"),
      preview: await import("@/app/api/pipelines/[service]/promotions/preview/route"),
      promote: await import("@/app/api/pipelines/[service]/promote/route"),
      approve: await import("@/app/api/promotions/[id]/approve/route"),
    };
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("lets an admin declare a pipeline, and refuses the same service twice", async () => {
    const created = await call(routes.pipelines.POST, { token: tokens.admin!, url: "/api/pipelines", body: { service: "shop", stages: STAGES } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ service: "shop", stages: [{ name: "dev" }, { name: "staging" }, { name: "prod", approval: { role: "admin", scope: "global" } }] });
    const again = await call(routes.pipelines.POST, { token: tokens.admin!, url: "/api/pipelines", body: { service: "shop", stages: STAGES } });
    expect(again).toEqual({ status: 409, body: { error: 'The service "shop" has a pipeline already.' } });
  });

  it.each([
    [{ service: "shop2", stages: STAGES.slice(0, 1) }, "A pipeline needs at least two stages."],
    [{ service: "Shop", stages: STAGES }, "Service must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit."],
    [{ service: "shop2", stages: [STAGES[0], { ...STAGES[1], path: "/etc" }] }, "A stage's path must be relative to the repository root, without '..'."],
    [{ service: "shop2", stages: [STAGES[0], { ...STAGES[1], autoPromotion: { soakSeconds: 1.5 } }] }, "soakSeconds must be a whole number of seconds."],
  ])("refuses the pipeline %o field by field: %s", async (body, message) => {
    const answer = await call(routes.pipelines.POST, { token: tokens.admin!, url: "/api/pipelines", body });
    expect(answer.status).toBe(422);
    expect(messages(answer.body)).toContain(message);
  });

  it("refuses to let a viewer or a deployer declare, change or delete a pipeline", async () => {
    for (const token of [tokens.viewer!, tokens.deployer!]) {
      expect((await call(routes.pipelines.POST, { token, url: "/api/pipelines", body: { service: "shop3", stages: STAGES } })).status).toBe(403);
      expect((await call(routes.pipeline.PUT, { token, url: "/api/pipelines/shop", params: { service: "shop" }, body: { stages: STAGES } })).status).toBe(403);
      expect((await call(routes.pipeline.DELETE, { token, url: "/api/pipelines/shop", params: { service: "shop" } })).status).toBe(403);
    }
  });

  it("shows a viewer each stage's state, and hides the pipeline from a caller limited to another project", async () => {
    const listed = await call(routes.pipelines.GET, { token: tokens.viewer!, url: "/api/pipelines" });
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject([{ service: "shop", stages: [{ name: "dev", exists: true, overlay: "services/shop/overlays/dev", syncStatus: "Unknown", promotable: false, images: [] }, {}, {}], pending: [] }]);
    expect((await call(routes.pipelines.GET, { token: tokens["other-team"]!, url: "/api/pipelines" })).body).toEqual([]);
    const hidden = await call(routes.pipeline.GET, { token: tokens["other-team"]!, url: "/api/pipelines/shop", params: { service: "shop" } });
    expect(hidden).toEqual({ status: 404, body: { error: 'No pipeline is declared for the service "shop".' } });
  });

  it("answers 404 for a service without a pipeline", async () => {
    const answer = await call(routes.pipeline.GET, { token: tokens.viewer!, url: "/api/pipelines/nothing", params: { service: "nothing" } });
    expect(answer).toEqual({ status: 404, body: { error: 'No pipeline is declared for the service "nothing".' } });
  });

  it("needs a source stage for a preview and a promotion, and refuses unknown and last stages in one sentence", async () => {
    const preview = await call(routes.preview.GET, { token: tokens.viewer!, url: "/api/pipelines/shop/promotions/preview", params: { service: "shop" } });
    expect(preview.status).toBe(422);
    expect(messages(preview.body)).toEqual(["from is required: the name of a stage."]);
    const missing = await call(routes.promote.POST, { token: tokens.admin!, url: "/api/pipelines/shop/promote", params: { service: "shop" }, body: {} });
    expect(messages(missing.body)).toEqual(["from is required: the name of a stage."]);
    const unknown = await call(routes.promote.POST, { token: tokens.admin!, url: "/api/pipelines/shop/promote", params: { service: "shop" }, body: { from: "qa" } });
    expect(unknown).toEqual({ status: 422, body: { error: 'The pipeline of "shop" has no stage "qa"; its stages are dev, staging, prod.' } });
    const last = await call(routes.promote.POST, { token: tokens.admin!, url: "/api/pipelines/shop/promote", params: { service: "shop" }, body: { from: "prod" } });
    expect(last).toEqual({ status: 422, body: { error: 'Stage "prod" is the last of the pipeline of "shop"; there is no stage to promote it to.' } });
  });

  it("refuses a promotion by a viewer (it needs deployer rights on the target app)", async () => {
    const answer = await call(routes.promote.POST, { token: tokens.viewer!, url: "/api/pipelines/shop/promote", params: { service: "shop" }, body: { from: "dev" } });
    expect(answer).toEqual({ status: 403, body: { error: "This needs the deployer role; token:viewer is viewer." } });
  });

  it("refuses to promote from a stage that is not Synced and Healthy, before any Git read", async () => {
    const answer = await call(routes.promote.POST, { token: tokens.deployer!, url: "/api/pipelines/shop/promote", params: { service: "shop" }, body: { from: "dev" } });
    expect(answer).toEqual({ status: 409, body: { error: 'Stage "dev" cannot be promoted from: app "shop-dev" is Unknown, not Synced.' } });
    const history = await call(routes.history.GET, { token: tokens.viewer!, url: "/api/pipelines/shop/promotions", params: { service: "shop" } });
    expect(history).toEqual({ status: 200, body: [] });
  });

  it("answers 404 when approving a promotion that does not exist", async () => {
    const answer = await call(routes.approve.POST, { token: tokens.admin!, url: "/api/promotions/nope/approve", params: { id: "nope" } });
    expect(answer).toEqual({ status: 404, body: { error: 'Promotion "nope" does not exist.' } });
  });

  it("lets an admin replace the stages and delete the pipeline", async () => {
    const updated = await call(routes.pipeline.PUT, { token: tokens.admin!, url: "/api/pipelines/shop", params: { service: "shop" }, body: { stages: STAGES.slice(0, 2) } });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect((updated.body.stages as unknown[]).length).toBe(2);
    expect((await call(routes.pipeline.DELETE, { token: tokens.admin!, url: "/api/pipelines/shop", params: { service: "shop" } })).status).toBe(204);
    expect((await call(routes.pipeline.GET, { token: tokens.viewer!, url: "/api/pipelines/shop", params: { service: "shop" } })).status).toBe(404);
  });
});
