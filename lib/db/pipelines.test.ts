import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isErrorOfKind } from "@/lib/errors";
import { pipelineSpecSchema } from "@/lib/promotion/schema";
import { CorruptRowError } from "./corrupt-row-error";
import type { Database } from "./database";
import type { NewPromotion } from "./pipelines";
import { openTempDatabase, type TempDatabase } from "./testing/temp-database";

const spec = pipelineSpecSchema.parse({ service: "guestbook", stages: [{ name: "dev", app: "guestbook-dev" }, { name: "prod", app: "guestbook-prod", approval: { role: "admin" } }] });

const promotion: NewPromotion = {
  service: "guestbook",
  fromStage: "dev",
  toStage: "prod",
  fromApp: "guestbook-dev",
  toApp: "guestbook-prod",
  file: "services/guestbook/overlays/prod/kustomization.yaml",
  images: [{ name: "guestbook", from: "guestbook:1", to: "guestbook:2", update: { name: "guestbook", newTag: "2" } }],
  imagesKey: "guestbook:2",
  diff: "-1\n+2\n",
  state: "pending",
  auto: false,
  requestedBy: "alice",
};

describe("the pipelines store", () => {
  let temp: TempDatabase;
  let db: Database;

  beforeEach(async () => {
    temp = await openTempDatabase("pipelines");
    db = temp.db;
  });

  afterEach(() => temp.dispose());

  it("keeps a pipeline's stages as declared and refuses a second pipeline for the service", async () => {
    await db.pipelines.createPipeline(spec);
    expect((await db.pipelines.getPipeline("guestbook")).stages).toEqual(spec.stages);
    const second = await db.pipelines.createPipeline(spec).catch((error: unknown) => error);
    expect(isErrorOfKind(second, "conflict")).toBe(true);
  });

  it("lets a pending promotion be approved once, then records how it ended", async () => {
    const stored = await db.pipelines.insertPromotion(promotion);
    expect(await db.pipelines.approvePromotion(stored.id, "root", new Date())).toBe(true);
    expect(await db.pipelines.approvePromotion(stored.id, "other", new Date())).toBe(false);
    const done = await db.pipelines.finishPromotion(stored.id, { state: "committed", commit: "abc" }, new Date());
    expect(done).toMatchObject({ state: "committed", commit: "abc", approvedBy: "root", images: promotion.images });
    expect(await db.pipelines.hasPromotion("guestbook", "prod", "guestbook:2")).toBe(true);
    expect(await db.pipelines.hasPromotion("guestbook", "prod", "guestbook:3")).toBe(false);
  });

  it("deletes a pipeline with its promotion history", async () => {
    await db.pipelines.createPipeline(spec);
    await db.pipelines.insertPromotion(promotion);
    await db.pipelines.deletePipeline("guestbook");
    expect(await db.pipelines.listPromotions("guestbook")).toEqual([]);
    expect(isErrorOfKind(await db.pipelines.getPipeline("guestbook").catch((error: unknown) => error), "not-found")).toBe(true);
  });

  it("refuses a stored pipeline whose stages do not match the schema, naming the table and column", async () => {
    await db.prisma.pipeline.create({ data: { service: "broken", stages: '[{"name":"dev"}]' } });
    const error = await db.pipelines.getPipeline("broken").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CorruptRowError);
    expect((error as Error).message).toContain("The stages column of Pipeline row");
  });
});
