import { describe, expect, it } from "vitest";
import { appSpecSchema, appUpdateSchema, fieldErrors } from "./spec";

const valid = { name: "guestbook", repoUrl: "http://127.0.0.1:9000/config.git", destNamespace: "guestbook" };

describe("appSpecSchema", () => {
  it("accepts a minimal spec and fills in the defaults", () => {
    const spec = appSpecSchema.parse(valid);
    expect(spec).toMatchObject({ targetRevision: "HEAD", path: ".", destCluster: "local", automated: false, prune: false, project: "default" });
  });

  it("normalizes a path written with ./ and a trailing slash", () => {
    expect(appSpecSchema.parse({ ...valid, path: "./apps/guestbook/" }).path).toBe("apps/guestbook");
  });

  it.each([
    [{ name: "Guest_Book" }, "name", /DNS-1123/],
    [{ name: "" }, "name", /required/],
    [{ repoUrl: "not a url" }, "repoUrl", /http\(s\), ssh or file URL/],
    [{ repoUrl: "https://user:pw@example.test/r.git" }, "repoUrl", /credentials/],
    [{ path: "../escape" }, "path", /'\.\.'/],
    [{ path: "/abs" }, "path", /relative/],
    [{ targetRevision: "main..dev" }, "targetRevision", /branch, tag or commit/],
    [{ destNamespace: "Prod!" }, "destNamespace", /DNS-1123/],
    [{ project: "Team A" }, "project", /DNS-1123/],
  ])("refuses %o field by field", (override, field, message) => {
    const result = appSpecSchema.safeParse({ ...valid, ...override });
    expect(result.success).toBe(false);
    if (result.success) return;
    const errors = fieldErrors(result.error);
    expect(errors.map((e) => e.field)).toEqual([field]);
    expect(errors[0]?.message).toMatch(message);
  });

  it("reports every invalid field at once", () => {
    const result = appSpecSchema.safeParse({});
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error).map((e) => e.field).sort()).toEqual(["destNamespace", "name", "repoUrl"]);
  });
});

describe("appUpdateSchema", () => {
  it("leaves an app's project alone unless the update names one", () => {
    expect(appUpdateSchema.parse({ automated: true }).project).toBeUndefined();
    expect(appUpdateSchema.parse({ project: "team-a" }).project).toBe("team-a");
  });
});

describe("appUpdateSchema", () => {
  it("keeps an update to the fields it names, filling in no defaults", () => {
    expect(appUpdateSchema.parse({ automated: true })).toEqual({ automated: true });
    expect(appUpdateSchema.parse({ targetRevision: "v2", prune: true })).toEqual({ targetRevision: "v2", prune: true });
  });
});
