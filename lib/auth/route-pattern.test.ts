import { describe, expect, it } from "vitest";
import { comparePatternSpecificity, matchRoutePattern } from "./route-pattern";

describe("route patterns", () => {
  it("match literal segments exactly and capture parameters", () => {
    expect(matchRoutePattern("/api/apps/[name]/sync", "/api/apps/web/sync")).toEqual({ name: "web" });
    expect(matchRoutePattern("/api/apps/[name]/sync", "/api/apps/web/refresh")).toBeUndefined();
    expect(matchRoutePattern("/api/apps/[name]", "/api/apps/web/sync")).toBeUndefined();
    expect(matchRoutePattern("/api/apps", "/api/apps/")).toEqual({});
  });

  it("decode parameters and refuse malformed percent-encoding", () => {
    expect(matchRoutePattern("/api/apps/[name]", "/api/apps/a%20b")).toEqual({ name: "a b" });
    expect(matchRoutePattern("/api/apps/[name]", "/api/apps/%E0%A4%A")).toBeUndefined();
  });

  it("match catch-alls, optional ones also without segments", () => {
    expect(matchRoutePattern("/docs/[...slug]", "/docs/a/b")).toEqual({ slug: "a/b" });
    expect(matchRoutePattern("/docs/[...slug]", "/docs")).toBeUndefined();
    expect(matchRoutePattern("/docs/[[...slug]]", "/docs")).toEqual({ slug: "" });
  });

  it("are case-sensitive, as Next.js routes are", () => {
    expect(matchRoutePattern("/api/apps", "/API/apps")).toBeUndefined();
  });

  it("order literal segments before parameters before catch-alls", () => {
    const sorted = ["/apps/[...rest]", "/apps/[name]", "/apps/new"].sort(comparePatternSpecificity);
    expect(sorted).toEqual(["/apps/new", "/apps/[name]", "/apps/[...rest]"]);
  });
});
