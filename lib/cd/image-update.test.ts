import { describe, expect, it } from "vitest";

import { describeImageTarget, parseImageSpec } from "./image-update";

const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;

describe("parseImageSpec", () => {
  it.each([
    ["guestbook=registry.example.com/demo/guestbook:1.4.2", { name: "guestbook", newName: "registry.example.com/demo/guestbook", newTag: "1.4.2" }],
    ["guestbook:1.4.2", { name: "guestbook", newTag: "1.4.2" }],
    [`guestbook@${DIGEST}`, { name: "guestbook", digest: DIGEST }],
    [`nginx=localhost:5000/team/nginx@${DIGEST}`, { name: "nginx", newName: "localhost:5000/team/nginx", digest: DIGEST }],
    [`app=r.example/app:v2@${DIGEST}`, { name: "app", newName: "r.example/app", newTag: "v2", digest: DIGEST }],
    ["docker.io/library/nginx=mirror.example.com:8443/nginx", { name: "docker.io/library/nginx", newName: "mirror.example.com:8443/nginx" }],
    ["redis:7.2-alpine", { name: "redis", newTag: "7.2-alpine" }],
  ])("reads %s", (spec, expected) => {
    const parsed = parseImageSpec(spec);
    expect(Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined))).toEqual(expected);
  });

  it.each([
    ["", /is not a valid image/],
    ["guest book:1", /is not a valid image/],
    ["Guestbook:1.0", /The image "Guestbook" is not a valid image name/],
    ["guestbook", /names no new name, tag or digest/],
    ["guestbook:", /The tag "" is not valid/],
    ["guestbook:-bad", /The tag "-bad" is not valid/],
    ["guestbook@sha256:1234", /The digest "sha256:1234" is not valid/],
    ["guestbook=", /names no new image after '='/],
    ["guestbook=Registry..example/x:1", /The new name "Registry..example\/x" is not a valid image name/],
    [`app:${"x".repeat(129)}`, /is not valid: a tag is 1 to 128/],
  ])("refuses %j with one sentence", (spec, message) => {
    expect(() => parseImageSpec(spec)).toThrow(message);
  });

  it("answers 422 for a malformed image", () => {
    try {
      parseImageSpec("bad image");
      expect.unreachable();
    } catch (error) {
      expect((error as { kind: string }).kind).toBe("invalid");
    }
  });
});

describe("describeImageTarget", () => {
  it("names the image an update points at", () => {
    expect(describeImageTarget({ name: "app", newName: "r.example/app", newTag: "1" })).toBe("r.example/app:1");
    expect(describeImageTarget({ name: "app", digest: DIGEST })).toBe(`app@${DIGEST}`);
  });
});
