/**
 * Promotion between environments on the local cluster and a real Git server: a config
 * repository laid out as `services/<svc>/{base,overlays/dev,overlays/staging,overlays/prod}`,
 * one automated app per stage in a namespace of its own, and an engine built as the server
 * builds it (no web server). A promotion commits exactly the image change into the next
 * overlay and the next app runs it; an approval gate holds a promotion until a holder of the
 * role approves; automatic promotion waits out the soak time and promotes once; a stage that
 * is not Healthy cannot be promoted from.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { appSpecSchema } from "@/lib/apps/spec";
import type { Principal } from "@/lib/auth/principal";
import { Clusters } from "@/lib/cache/clusters";
import { openDatabase, type Database } from "@/lib/db/database";
import { createEngine, type Engine, type EngineRooms } from "@/lib/engine/create-engine";
import { settingsFromEnv } from "@/lib/engine/settings";
import { isErrorOfKind } from "@/lib/errors";
import { EventBus } from "@/lib/events/bus";
import { pipelineSpecSchema } from "@/lib/promotion/schema";
import { createSource, type Source } from "@/lib/source";
import { commitFiles, createGitFixture, runGit, type GitFixture } from "../helpers/git";
import { createTestNamespace, type TestNamespace } from "../helpers/namespace";
import { createTestDatabase, dropTestDatabase } from "../helpers/test-database";
import { until } from "../helpers/until";
import { KubeObjectClient } from "@/lib/kube/object-client";
import { KubeConfig } from "@kubernetes/client-node";

const ADMIN: Principal = { kind: "user", name: "release-admin", role: "admin", grants: ["*"], mustChangePassword: false };
const DEPLOYER: Principal = { kind: "user", name: "dana", role: "deployer", grants: ["*"], mustChangePassword: false };
const IMAGE = "registry.example.com/demo/guestbook";
const STAGES = ["dev", "staging", "prod"] as const;

const BASE_DEPLOYMENT = (service: string, stuck: boolean) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${service}
spec:
  replicas: 1
${stuck ? "  progressDeadlineSeconds: 2\n" : ""}  selector:
    matchLabels: { app: ${service} }
  template:
    metadata:
      labels: { app: ${service} }
    spec:
${stuck ? '      nodeSelector: { lockstep.dev/no-such-node: "true" }\n' : ""}      containers:
        - name: web
          image: guestbook
`;

const OVERLAY = (stage: string, tag: string) => `# ${stage}: tags are promoted here from the stage before
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base
images:
  - name: guestbook
    newName: ${IMAGE}
    newTag: "${tag}" # promoted
`;

/** The files of one service: its base and an overlay per stage at these tags. */
function serviceFiles(service: string, tags: Record<(typeof STAGES)[number], string>, options: { stuck?: boolean } = {}): Record<string, string> {
  const files: Record<string, string> = {
    [`services/${service}/base/deployment.yaml`]: BASE_DEPLOYMENT(service, options.stuck ?? false),
    [`services/${service}/base/kustomization.yaml`]: "resources:\n  - deployment.yaml\n",
  };
  for (const stage of STAGES) files[`services/${service}/overlays/${stage}/kustomization.yaml`] = OVERLAY(stage, tags[stage]);
  return files;
}

function kubeClient(): KubeObjectClient {
  const kc = new KubeConfig();
  kc.loadFromFile(inject("kubeconfig"));
  return KubeObjectClient.forConfig(kc);
}

describe("promotion between environments", () => {
  let engine: Engine;
  let db: Database;
  let git: GitFixture;
  let source: Source;
  let dir: string;
  let url: string;
  let repo: string;
  let repoUrl: string;
  const namespaces: TestNamespace[] = [];
  const kube = kubeClient();

  /** Creates the apps of a service's stages, each in its own namespace, and waits for the first ones to run Synced and Healthy. */
  async function createStages(service: string, stages: readonly (typeof STAGES)[number][], wait: readonly string[]): Promise<Record<string, string>> {
    const namespaceOf: Record<string, string> = {};
    for (const stage of stages) {
      const ns = await createTestNamespace(`promo-${stage}`);
      namespaces.push(ns);
      namespaceOf[stage] = ns.name;
      await engine.apps.create(appSpecSchema.parse({ name: `${service}-${stage}`, repoUrl, targetRevision: "main", path: `services/${service}/overlays/${stage}`, destNamespace: ns.name, automated: true }), ADMIN);
      await engine.apps.refresh(`${service}-${stage}`);
    }
    for (const stage of wait) {
      await until(() => engine.apps.get(`${service}-${stage}`), (app) => app.status.syncStatus === "Synced" && app.status.healthStatus === "Healthy", `${service}-${stage} to be Synced and Healthy`);
    }
    return namespaceOf;
  }

  const liveImage = async (name: string, namespace: string) => {
    const object = (await kube.getObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace } })) as { spec: { template: { spec: { containers: { image: string }[] } } } } | undefined;
    return object?.spec.template.spec.containers[0]?.image;
  };
  const head = () => runGit(["rev-parse", "refs/heads/main"], { cwd: repo });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "lockstep-promotion-"));
    url = await createTestDatabase(dir, "promotion.db");
    db = await openDatabase({ url });
    git = await createGitFixture({ allowPush: true });
    repo = await git.createRepo("config.git");
    repoUrl = git.server.repoUrl("config.git");
    await commitFiles(repo, {
      files: { ...serviceFiles("shop", { dev: "1.1.0", staging: "1.0.0", prod: "0.9.0" }), ...serviceFiles("cart", { dev: "2.1.0", staging: "2.0.0", prod: "2.0.0" }), ...serviceFiles("broken", { dev: "3.1.0", staging: "3.0.0", prod: "3.0.0" }, { stuck: true }) },
      message: "Services with dev, staging and prod overlays",
    });
    source = createSource({ dataDir: dir });
    engine = createEngine({
      db,
      clusters: new Clusters({ kubeconfig: inject("kubeconfig") }),
      source,
      events: new EventBus(),
      rooms: (() => ({})) as unknown as () => EngineRooms,
      settings: { ...settingsFromEnv({}), workerPollMs: 100, healthPollMs: 200, syncTimeoutMs: 30_000, holder: "promotion-test:1" },
      log: { info: () => {}, error: () => {} },
      autoPromotionIntervalMs: 200,
    });
    await engine.start({ reconcile: false });
  });

  afterAll(async () => {
    await engine?.stop();
    await source?.close();
    await db?.close();
    if (url) await dropTestDatabase(url);
    await git?.cleanup();
    await Promise.all(namespaces.map((ns) => ns.cleanup()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("commits exactly the image change into the next overlay, and the next app runs it", async () => {
    const ns = await createStages("shop", ["dev", "staging", "prod"], ["dev", "staging", "prod"]);
    await engine.pipelines.create(pipelineSpecSchema.parse({ service: "shop", stages: STAGES.map((stage) => ({ name: stage, app: `shop-${stage}`, ...(stage === "prod" ? { approval: { role: "admin", scope: "global" } } : {}) })) }));
    expect(await liveImage("shop", ns.staging!)).toBe(`${IMAGE}:1.0.0`);

    const preview = await engine.pipelines.preview("shop", "dev", DEPLOYER);
    expect(preview).toMatchObject({ from: "dev", to: "staging", file: "services/shop/overlays/staging/kustomization.yaml", images: [{ name: "guestbook", from: `${IMAGE}:1.0.0`, to: `${IMAGE}:1.1.0` }] });
    expect(preview.blocked).toBeUndefined();
    expect(preview.diff).toContain('-    newTag: "1.0.0" # promoted\n+    newTag: "1.1.0" # promoted');

    const before = await head();
    const promotion = await engine.pipelines.promote("shop", "dev", DEPLOYER);
    expect(promotion).toMatchObject({ state: "committed", fromStage: "dev", toStage: "staging", requestedBy: "dana", diff: preview.diff });
    expect(await head()).toBe(promotion.commit);
    expect(await runGit(["rev-parse", `${promotion.commit}^`], { cwd: repo })).toBe(before);
    expect(await runGit(["diff", "--name-only", before, promotion.commit!], { cwd: repo })).toBe("services/shop/overlays/staging/kustomization.yaml");
    const changed = (await runGit(["diff", "--unified=0", before, promotion.commit!], { cwd: repo })).split("\n").filter((line) => /^[+-](?![+-])/.test(line));
    expect(changed).toEqual(['-    newTag: "1.0.0" # promoted', '+    newTag: "1.1.0" # promoted']);
    const message = await runGit(["log", "-1", "--format=%B", promotion.commit!], { cwd: repo });
    expect(message).toContain("Promote shop from dev to staging");
    expect(message).toContain(`Requested by dana.\nLockstep promotion ${promotion.id}.`);

    await until(() => liveImage("shop", ns.staging!), (image) => image === `${IMAGE}:1.1.0`, "staging to run the promoted image");
    await until(() => engine.apps.get("shop-staging"), (app) => app.status.revision === promotion.commit && app.status.syncStatus === "Synced", "staging to be Synced at the promotion's commit");
    expect(await liveImage("shop", ns.prod!)).toBe(`${IMAGE}:0.9.0`);
  });

  it("holds a promotion into a stage needing approval until a holder of the role approves it", async () => {
    await until(() => engine.apps.get("shop-staging"), (app) => app.status.syncStatus === "Synced" && app.status.healthStatus === "Healthy", "staging to be Synced and Healthy");
    const prodNamespace = (await engine.apps.get("shop-prod")).destNamespace;
    const before = await head();
    const pending = await engine.pipelines.promote("shop", "staging", DEPLOYER);
    expect(pending).toMatchObject({ state: "pending", toStage: "prod", commit: null, images: [{ to: `${IMAGE}:1.1.0` }] });
    expect(await head()).toBe(before);
    expect((await engine.pipelines.get("shop", DEPLOYER)).pending.map((p) => p.id)).toEqual([pending.id]);

    let refusal: unknown;
    await engine.pipelines.approve(pending.id, DEPLOYER).catch((error: unknown) => (refusal = error));
    expect(isErrorOfKind(refusal, "forbidden")).toBe(true);
    expect((refusal as Error).message).toBe("Approving needs the global admin role; dana is deployer.");
    expect(await head()).toBe(before);
    expect(await liveImage("shop", prodNamespace)).toBe(`${IMAGE}:0.9.0`);

    const approved = await engine.pipelines.approve(pending.id, ADMIN);
    expect(approved).toMatchObject({ state: "committed", approvedBy: "release-admin", requestedBy: "dana" });
    expect(await head()).toBe(approved.commit);
    expect(await runGit(["log", "-1", "--format=%B", approved.commit!], { cwd: repo })).toContain("Requested by dana, approved by release-admin.");
    await until(() => liveImage("shop", prodNamespace), (image) => image === `${IMAGE}:1.1.0`, "prod to run the approved image");

    let again: unknown;
    await engine.pipelines.approve(pending.id, ADMIN).catch((error: unknown) => (again = error));
    expect(isErrorOfKind(again, "conflict")).toBe(true);
    const history = await engine.pipelines.promotions("shop", DEPLOYER);
    expect(history.map((p) => `${p.fromStage}->${p.toStage}:${p.state}`)).toEqual(["staging->prod:committed", "dev->staging:committed"]);
  });

  it("promotes automatically only once the source has soaked, and only once for the same images", async () => {
    const ns = await createStages("cart", ["dev", "staging"], ["dev", "staging"]);
    const declaredAt = Date.now();
    await engine.pipelines.create(pipelineSpecSchema.parse({ service: "cart", stages: [{ name: "dev", app: "cart-dev" }, { name: "staging", app: "cart-staging", autoPromotion: { soakSeconds: 3 } }] }));
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await engine.pipelines.promotions("cart", ADMIN)).toEqual([]);

    const [promotion] = await until(() => engine.pipelines.promotions("cart", ADMIN), (list) => list.length > 0 && list[0]!.state !== "approved", "the automatic promotion", 20_000);
    expect(promotion).toMatchObject({ state: "committed", auto: true, requestedBy: "automatic promotion", images: [{ from: `${IMAGE}:2.0.0`, to: `${IMAGE}:2.1.0` }] });
    expect(promotion!.createdAt.getTime() - declaredAt).toBeGreaterThanOrEqual(3_000);
    await until(() => liveImage("cart", ns.staging!), (image) => image === `${IMAGE}:2.1.0`, "staging to run the automatically promoted image");

    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await engine.pipelines.promotions("cart", ADMIN)).length).toBe(1);
  });

  it("refuses to promote from a stage that is not Healthy, and writes nothing", async () => {
    await createStages("broken", ["dev", "staging"], []);
    await until(() => engine.apps.get("broken-dev"), (app) => app.status.healthStatus === "Degraded", "broken-dev to be Degraded");
    await engine.pipelines.create(pipelineSpecSchema.parse({ service: "broken", stages: [{ name: "dev", app: "broken-dev" }, { name: "staging", app: "broken-staging" }] }));
    const before = await head();
    let refusal: unknown;
    await engine.pipelines.promote("broken", "dev", ADMIN).catch((error: unknown) => (refusal = error));
    expect(isErrorOfKind(refusal, "conflict")).toBe(true);
    expect((refusal as Error).message).toBe('Stage "dev" cannot be promoted from: app "broken-dev" is Degraded, not Healthy.');
    expect((await engine.pipelines.preview("broken", "dev", ADMIN)).blocked).toBe((refusal as Error).message);
    expect(await head()).toBe(before);
    expect(await engine.pipelines.promotions("broken", ADMIN)).toEqual([]);
  });
});
