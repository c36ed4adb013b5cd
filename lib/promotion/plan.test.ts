import { describe, expect, it } from "vitest";
import { planPromotion } from "./plan";

const OVERLAY = `# staging: promoted from dev
resources:
  - ../../base
images:
  - name: guestbook
    newName: registry.example.com/demo/guestbook
    newTag: "1.0.0" # set by promotion
`;

const promoted = (tag: string) => ({ name: "guestbook", from: "registry.example.com/demo/guestbook:1.0.0", to: `registry.example.com/demo/guestbook:${tag}`, update: { name: "guestbook", newTag: tag } });

describe("planPromotion", () => {
  it("changes only the tag line, keeping comments and quoting, and shows it as a unified diff of the file", () => {
    const plan = planPromotion(OVERLAY, [promoted("1.1.0")], "services/guestbook/overlays/staging/kustomization.yaml");
    expect(plan.text).toBe(OVERLAY.replace('"1.0.0"', '"1.1.0"'));
    expect(plan.diff).toContain("--- a/services/guestbook/overlays/staging/kustomization.yaml");
    expect(plan.diff).toContain('-    newTag: "1.0.0" # set by promotion');
    expect(plan.diff).toContain('+    newTag: "1.1.0" # set by promotion');
    expect(plan.diff.split("\n").filter((line) => /^[+-][^+-]/.test(line))).toHaveLength(2);
    expect(plan.images.map((image) => image.to)).toEqual(["registry.example.com/demo/guestbook:1.1.0"]);
  });

  it("answers an empty diff and no images when the overlay has the version already", () => {
    const plan = planPromotion(OVERLAY, [promoted("1.0.0")], "kustomization.yaml");
    expect(plan).toMatchObject({ diff: "", images: [], text: OVERLAY });
  });
});
