import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HTTP_METHODS } from "@/lib/auth/policy";
import { ROUTES } from "./index";
import { openApiDocument, openApiPath } from "./openapi";
import { ACCESS_POLICY } from "./policy";

const API_DIR = path.join(process.cwd(), "app", "api");

/** Every app/api/**\/route.ts (outside `_` folders) as `METHOD /api/...`, read from the folder tree and each file's exports. */
function routesInFolderTree(): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(API_DIR, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name !== "route.ts") continue;
    const relative = path.relative(API_DIR, entry.parentPath);
    if (relative.split(path.sep).some((segment) => segment.startsWith("_"))) continue;
    const pattern = ["/api", ...relative.split(path.sep).filter(Boolean)].join("/");
    const source = readFileSync(path.join(entry.parentPath, entry.name), "utf8");
    for (const method of HTTP_METHODS) {
      if (new RegExp(`export\\s+(async\\s+)?(function|const)\\s+${method}\\b`).test(source)) found.push(`${method} ${pattern}`);
    }
  }
  return found.sort();
}

const declared = ROUTES.map((d) => `${d.method} ${d.path}`).sort();

describe("the route registry", () => {
  it("declares exactly the methods the route files under app/api export", () => {
    expect(routesInFolderTree()).toEqual(declared);
  });

  it("declares each method and path once", () => {
    expect(new Set(declared).size).toBe(declared.length);
  });

  it("gives the proxy's policy the declared permission of every route", () => {
    for (const declaration of ROUTES) {
      const concrete = declaration.path.replace(/\[(\w+)\]/g, "x");
      expect(ACCESS_POLICY.find(declaration.method, concrete)?.rule.permission, `${declaration.method} ${declaration.path}`).toBe(declaration.permission);
    }
  });

  it("scopes the routes under an app to the app their name parameter names", () => {
    const match = ACCESS_POLICY.find("POST", "/api/apps/web/sync");
    expect(match?.rule).toMatchObject({ permission: "deployer", appParam: "name", action: "app.sync" });
    expect(ACCESS_POLICY.find("DELETE", "/api/users/alice")?.rule.appParam).toBeUndefined();
  });

  it("lets GET /metrics through to its handler, which checks the metrics token itself, and nothing else there", () => {
    expect(ACCESS_POLICY.find("GET", "/metrics")?.rule).toMatchObject({ permission: "anonymous", pattern: "/metrics" });
    expect(ACCESS_POLICY.find("POST", "/metrics")).toBeUndefined();
    expect(ACCESS_POLICY.allowedMethods("/metrics")).toEqual(["GET", "HEAD", "OPTIONS"]);
  });

  it("does not take a project's name for an app's", () => {
    expect(ACCESS_POLICY.find("PATCH", "/api/projects/team-a")?.rule).toMatchObject({ permission: "admin", action: "project.update" });
    expect(ACCESS_POLICY.find("PATCH", "/api/projects/team-a")?.rule.appParam).toBeUndefined();
    expect(ACCESS_POLICY.find("GET", "/api/projects/team-a")?.rule.appParam).toBeUndefined();
  });
});

describe("the OpenAPI document", () => {
  const document = openApiDocument(ROUTES) as { paths: Record<string, Record<string, Record<string, unknown>>> };

  it("describes every declared route", () => {
    for (const declaration of ROUTES) expect(document.paths[openApiPath(declaration.path)]?.[declaration.method.toLowerCase()], `${declaration.method} ${declaration.path}`).toBeDefined();
  });

  it("takes a sync's body and query from the route's zod schemas", () => {
    const sync = document.paths["/api/apps/{name}/sync"]!.post!;
    const body = (sync.requestBody as { content: Record<string, { schema: { properties: Record<string, unknown> } }> }).content["application/json"]!.schema;
    expect(Object.keys(body.properties)).toEqual(["dryRun", "prune", "resources", "syncAnyway"]);
    expect(sync.parameters).toContainEqual(expect.objectContaining({ name: "name", in: "path", required: true }));
    expect(sync.parameters).toContainEqual(expect.objectContaining({ name: "wait", in: "query", required: false }));
    expect(Object.keys(sync.responses as object)).toContain("202");
  });

  it("marks anonymous routes as needing no credentials", () => {
    expect(document.paths["/api/auth/login"]!.post!.security).toEqual([]);
    expect(document.paths["/api/apps"]!.get!.security).toBeUndefined();
  });
});
