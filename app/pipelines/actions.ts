"use server";

import { revalidatePath } from "next/cache";
import { getEngine } from "@/lib/engine/current";
import { isDomainError } from "@/lib/errors";
import type { PromotionRecord } from "@/lib/engine/facade";
import { ACTION_ARGUMENTS, INVALID_ARGUMENTS } from "../_actions/arguments";
import { noteActionFailure, requireUser } from "../_auth/session";
import type { ActionState } from "../apps/actions";

async function failure(error: unknown): Promise<ActionState> {
  const message = isDomainError(error) ? error.message : "Something went wrong; the server log has the details.";
  if (!isDomainError(error)) console.error(error);
  await noteActionFailure(message);
  return { error: message };
}

function outcome(promotion: PromotionRecord): ActionState {
  if (promotion.state === "pending") return { message: `Promotion to ${promotion.toStage} waits for approval.` };
  if (promotion.state === "failed") return { error: promotion.error ?? "The promotion failed." };
  return { message: `Promoted to ${promotion.toStage} in commit ${promotion.commit?.slice(0, 7) ?? "?"}.` };
}

/** Promotes a stage's live images into the next stage (the engine checks deployer rights on the target app). */
export async function promoteAction(...args: [service: string, from: string]): Promise<ActionState> {
  const user = await requireUser("viewer", undefined, { action: "promotion.create" });
  const parsed = ACTION_ARGUMENTS.promote.safeParse(args);
  if (!parsed.success) return INVALID_ARGUMENTS;
  const [service, from] = parsed.data;
  try {
    const promotion = await getEngine().pipelines.promote(service, from, user);
    revalidatePath(`/pipelines/${service}`);
    return outcome(promotion);
  } catch (error) {
    return failure(error);
  }
}

/** Approves a pending promotion and commits it (the engine checks the stage's approval role). */
export async function approvePromotionAction(...args: [service: string, id: string]): Promise<ActionState> {
  const user = await requireUser("viewer", undefined, { action: "promotion.approve" });
  const parsed = ACTION_ARGUMENTS.approvePromotion.safeParse(args);
  if (!parsed.success) return INVALID_ARGUMENTS;
  const [service, id] = parsed.data;
  try {
    const promotion = await getEngine().pipelines.approve(id, user);
    revalidatePath(`/pipelines/${service}`);
    return outcome(promotion);
  } catch (error) {
    return failure(error);
  }
}
