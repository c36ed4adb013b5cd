/** The commit message of a promotion: what moved where, who asked, who approved, and the promotion's id. */
import type { PromotedImage } from "./match";

/** The facts a promotion's commit message states. */
export interface PromotionMessageFacts {
  service: string;
  from: string;
  to: string;
  images: readonly Pick<PromotedImage, "name" | "from" | "to">[];
  file: string;
  /** Who asked (`alice`, `token:ci`, or `automatic promotion`). */
  requestedBy: string;
  /** Who approved, for a stage needing approval. */
  approvedBy?: string;
  promotionId: string;
}

/** `Promote guestbook from dev to staging`, then each image and the people involved. */
export function promotionCommitMessage(facts: PromotionMessageFacts): string {
  const lines = facts.images.map((image) => `- ${image.name}: ${image.from} -> ${image.to}`);
  const people = [`Requested by ${facts.requestedBy}${facts.approvedBy ? `, approved by ${facts.approvedBy}` : ""}.`];
  return [
    `Promote ${facts.service} from ${facts.from} to ${facts.to}`,
    `In ${facts.file}:\n${lines.join("\n")}`,
    `${people.join(" ")}\nLockstep promotion ${facts.promotionId}.`,
  ].join("\n\n");
}
