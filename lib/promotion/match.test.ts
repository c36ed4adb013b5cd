import { describe, expect, it } from "vitest";
import { isErrorOfKind } from "@/lib/errors";
import { parseImageReference, type LiveImage } from "./images";
import { effectiveImageOf, matchImages, readKustomizationImages } from "./match";

const live = (...references: string[]): LiveImage[] => references.map((reference) => ({ ...parseImageReference(reference), reference, containers: ["Deployment/web:web"] }));

const OVERLAY = `resources:
  - ../../base
images:
  - name: guestbook
    newName: registry.example.com/demo/guestbook
    newTag: "1.0.0"
  - name: redis
    newTag: "7.2"
`;

describe("readKustomizationImages", () => {
  it("reads each images: entry with its name, new name, tag and digest", () => {
    expect(readKustomizationImages(OVERLAY)).toEqual([
      { name: "guestbook", newName: "registry.example.com/demo/guestbook", newTag: "1.0.0", digest: undefined },
      { name: "redis", newName: undefined, newTag: "7.2", digest: undefined },
    ]);
  });

  it("refuses an images field that is not a list, in one sentence naming the file", () => {
    expect(() => readKustomizationImages("images: guestbook\n", "overlays/prod/kustomization.yaml")).toThrow("The images field of overlays/prod/kustomization.yaml is not a list.");
  });

  it("answers no entries for a kustomization without images", () => {
    expect(readKustomizationImages("resources: [a.yaml]\n")).toEqual([]);
  });
});

describe("matchImages", () => {
  const entries = readKustomizationImages(OVERLAY);

  it("moves each entry to the version the source stage runs, matched by the image name the manifests end up with", () => {
    const match = matchImages(entries, live("registry.example.com/demo/guestbook:1.1.0", "redis:7.4"));
    expect(match.images).toEqual([
      { name: "guestbook", from: "registry.example.com/demo/guestbook:1.0.0", to: "registry.example.com/demo/guestbook:1.1.0", update: { name: "guestbook", newTag: "1.1.0" } },
      { name: "redis", from: "redis:7.2", to: "redis:7.4", update: { name: "redis", newTag: "7.4" } },
    ]);
    expect(match.skipped).toEqual([]);
  });

  it("matches by the entry's own name when the source renames the image, and carries the new name over", () => {
    const match = matchImages(entries, live("guestbook:2.0.0"));
    expect(match.images[0]?.update).toEqual({ name: "guestbook", newName: "guestbook", newTag: "2.0.0" });
  });

  it("promotes a digest as a digest", () => {
    const digest = `sha256:${"c".repeat(64)}`;
    expect(matchImages(entries, live(`registry.example.com/demo/guestbook@${digest}`)).images[0]?.update).toEqual({ name: "guestbook", digest });
  });

  it("leaves alone the entries whose image the source does not run, saying why", () => {
    const match = matchImages(entries, live("registry.example.com/demo/guestbook:1.1.0"));
    expect(match.images.map((image) => image.name)).toEqual(["guestbook"]);
    expect(match.skipped).toEqual([{ name: "redis", reason: "the source stage runs no redis image" }]);
  });

  it("refuses a source running two versions of one image, as a conflict", () => {
    let caught: unknown;
    try {
      matchImages(entries, live("redis:7.2", "redis:7.4"));
    } catch (error) {
      caught = error;
    }
    expect(isErrorOfKind(caught, "conflict")).toBe(true);
    expect((caught as Error).message).toBe("The source stage runs 2 versions of redis (redis:7.2, redis:7.4); promote once it runs one.");
  });

  it("skips an image the source runs without a tag or digest", () => {
    expect(matchImages(entries, live("redis")).skipped).toContainEqual({ name: "redis", reason: "the source stage runs redis without a tag or digest" });
  });

  it("names the image an entry makes the manifests run", () => {
    expect(effectiveImageOf({ name: "guestbook", newTag: "1" })).toBe("guestbook:1");
  });
});
