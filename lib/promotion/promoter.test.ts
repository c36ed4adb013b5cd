import { describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { SetImageError } from "@/lib/cd/set-image-error";
import type { AppRecord } from "@/lib/db/apps";
import type { NewPromotion, PipelineRecord, PromotionOutcome, PromotionRecord } from "@/lib/db/pipelines";
import { isErrorOfKind } from "@/lib/errors";
import type { KubeObject } from "@/lib/types";
import type { OverlayTarget } from "./git";
import { AUTOMATIC, createPromoter, type PromoterDependencies } from "./promoter";
import { pipelineBodySchema } from "./schema";

const IMAGE = "registry.example.com/demo/guestbook";
const OVERLAY = (tag: string) => `resources: [../../base]\nimages:\n  - name: guestbook\n    newName: ${IMAGE}\n    newTag: "${tag}"\n`;
const ALICE: Principal = { kind: "user", name: "alice", role: "deployer", grants: ["*"], mustChangePassword: false };
const ADMIN: Principal = { kind: "user", name: "root", role: "admin", grants: ["*"], mustChangePassword: false };

const app = (name: string, health: AppRecord["status"]["healthStatus"] = "Healthy") =>
  ({ id: `id-${name}`, name, project: "default", repoUrl: "https://git.example.com/config.git", targetRevision: "main", path: `services/guestbook/overlays/${name.split("-")[1]}`, destCluster: "local", status: { syncStatus: "Synced", healthStatus: health } }) as unknown as AppRecord;

const deployment = (tag: string): KubeObject => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "guestbook" }, spec: { template: { spec: { containers: [{ name: "web", image: `${IMAGE}:${tag}` }] } } } });

/** A promoter on in-memory stores and an in-memory "repository" of overlay files. */
function harness(options: { devHealth?: AppRecord["status"]["healthStatus"]; pushFails?: boolean } = {}) {
  const stages = pipelineBodySchema.parse({ stages: [{ name: "dev", app: "guestbook-dev" }, { name: "staging", app: "guestbook-staging", syncAfterPromotion: true }, { name: "prod", app: "guestbook-prod", approval: { role: "admin", scope: "global" } }] }).stages;
  const pipeline: PipelineRecord = { service: "guestbook", stages, createdAt: new Date(0), updatedAt: new Date(0) };
  const apps = new Map([app("guestbook-dev", options.devHealth), app("guestbook-staging"), app("guestbook-prod")].map((a) => [a.name, a]));
  const files = new Map([
    ["services/guestbook/overlays/staging", OVERLAY("1.0.0")],
    ["services/guestbook/overlays/prod", OVERLAY("0.9.0")],
  ]);
  const live = new Map([["guestbook-dev", [deployment("1.1.0")]], ["guestbook-staging", [deployment("1.0.0")]]]);
  const promotions = new Map<string, PromotionRecord>();
  const commits: { path: string; message: string }[] = [];
  const refreshed: string[] = [];
  const synced: string[] = [];
  const db = {
    apps: { getApp: async (name: string) => apps.get(name)! },
    operations: { isOperationRunning: async () => false },
    pipelines: {
      getPipeline: async () => pipeline,
      insertPromotion: async (data: NewPromotion) => {
        const record: PromotionRecord = { ...data, id: `p${promotions.size + 1}`, approvedBy: null, commit: null, error: null, createdAt: new Date(), approvedAt: null, finishedAt: null };
        promotions.set(record.id, record);
        return record;
      },
      getPromotion: async (id: string) => ({ ...promotions.get(id)! }),
      approvePromotion: async (id: string, approvedBy: string) => {
        const record = promotions.get(id)!;
        if (record.state !== "pending") return false;
        promotions.set(id, { ...record, state: "approved", approvedBy });
        return true;
      },
      finishPromotion: async (id: string, outcome: PromotionOutcome) => {
        const record = { ...promotions.get(id)!, ...outcome, finishedAt: new Date() } as PromotionRecord;
        promotions.set(id, record);
        return record;
      },
    },
  };
  const git = {
    readOverlay: async (target: OverlayTarget) => {
      const text = files.get(target.path)!;
      const { readKustomizationImages } = await import("./match");
      return { file: `${target.path}/kustomization.yaml`, text, entries: readKustomizationImages(text), head: "h0" };
    },
    commitImages: async (target: OverlayTarget, images: readonly { update: { name: string; newTag?: string } }[], message: string) => {
      if (options.pushFails) throw new SetImageError("The Git host refused the push.", { kind: "unreachable", detail: "remote: denied to https://internal.example/x" });
      const dir = target.path.replace(/\/kustomization\.yaml$/, "");
      const { planPromotion } = await import("./plan");
      const plan = planPromotion(files.get(dir)!, images as never, target.path);
      files.set(dir, plan.text);
      commits.push({ path: target.path, message });
      return { status: "committed" as const, commit: `c${commits.length}`, plan };
    },
  };
  const deps = {
    db,
    liveObjects: async (a: AppRecord) => live.get(a.name) ?? [],
    refresh: async (name: string) => refreshed.push(name),
    requestSync: async (name: string) => synced.push(name),
    clock: { now: () => Date.now() },
    log: { info: () => {}, error: () => {} },
    git,
  } as unknown as PromoterDependencies;
  return { promoter: createPromoter(deps), files, commits, refreshed, synced, promotions };
}

async function refusalOf(run: Promise<unknown>): Promise<Error> {
  try {
    await run;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a refusal");
}

describe("the promoter", () => {
  it("commits the live images of a stage into the next overlay, then refreshes and (as the stage says) syncs the next app", async () => {
    const { promoter, files, commits, refreshed, synced } = harness();
    const promotion = await promoter.promote("guestbook", "dev", ALICE);
    expect(promotion).toMatchObject({ state: "committed", commit: "c1", requestedBy: "alice", fromApp: "guestbook-dev", toApp: "guestbook-staging", auto: false });
    expect(files.get("services/guestbook/overlays/staging")).toBe(OVERLAY("1.1.0"));
    expect(commits[0]!.message).toContain(`- guestbook: ${IMAGE}:1.0.0 -> ${IMAGE}:1.1.0`);
    expect(refreshed).toEqual(["guestbook-staging"]);
    expect(synced).toEqual(["guestbook-staging"]);
  });

  it("keeps a promotion into a stage needing approval pending until an admin approves it, refusing a deployer", async () => {
    const { promoter, commits } = harness();
    const pending = await promoter.promote("guestbook", "staging", ALICE);
    expect(pending).toMatchObject({ state: "pending", commit: null });
    expect(commits).toEqual([]);
    const refusal = await refusalOf(promoter.approve(pending.id, ALICE));
    expect(isErrorOfKind(refusal, "forbidden")).toBe(true);
    expect(commits).toEqual([]);
    expect(await promoter.approve(pending.id, ADMIN)).toMatchObject({ state: "committed", approvedBy: "root" });
    expect(commits[0]!.message).toContain("Requested by alice, approved by root.");
    expect(isErrorOfKind(await refusalOf(promoter.approve(pending.id, ADMIN)), "conflict")).toBe(true);
  });

  it("refuses to promote from an unhealthy stage and from a stage whose images the next one has", async () => {
    const unhealthy = harness({ devHealth: "Progressing" });
    expect((await refusalOf(unhealthy.promoter.promote("guestbook", "dev", ALICE))).message).toBe('Stage "dev" cannot be promoted from: app "guestbook-dev" is Progressing, not Healthy.');
    const { promoter } = harness();
    await promoter.promote("guestbook", "dev", ALICE);
    const again = await refusalOf(promoter.promote("guestbook", "dev", AUTOMATIC));
    expect(again.message).toBe(`Stage "staging" already has ${IMAGE}:1.1.0 in services/guestbook/overlays/staging/kustomization.yaml; there is nothing to promote from "dev".`);
  });

  it("records a failed push as a failed promotion with the fixed sentence, never Git's words", async () => {
    const { promoter, promotions } = harness({ pushFails: true });
    const refusal = await refusalOf(promoter.promote("guestbook", "dev", ALICE));
    expect(refusal.message).toBe("The Git host refused the push.");
    expect([...promotions.values()]).toMatchObject([{ state: "failed", error: "The Git host refused the push." }]);
    expect(JSON.stringify([...promotions.values()])).not.toContain("internal.example");
  });

  it("previews the diff without writing, saying why the source cannot be promoted now", async () => {
    const { promoter, commits } = harness({ devHealth: "Degraded" });
    const preview = await promoter.preview("guestbook", "dev");
    expect(preview.diff).toContain('-    newTag: "1.0.0"\n+    newTag: "1.1.0"');
    expect(preview.blocked).toBe('Stage "dev" cannot be promoted from: app "guestbook-dev" is Degraded, not Healthy.');
    expect(commits).toEqual([]);
  });
});
