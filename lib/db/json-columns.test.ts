import { describe, expect, it } from "vitest";
import { CorruptRowError } from "./corrupt-row-error";
import {
  appConditionsSchema,
  operationLogSchema,
  operationManifestsSchema,
  operationResultsSchema,
  readJsonColumn,
  statusResourcesSchema,
  tokenAppsSchema,
  userGrantsSchema,
} from "./json-columns";

const where = { table: "Operation", column: "results", rowId: "op-1" };

describe("the JSON column schemas", () => {
  it.each([
    ["app conditions", appConditionsSchema, [{ type: "SyncError", message: "boom", observedAt: "2026-01-01T00:00:00Z" }], [{ type: "Whatever", message: "boom", observedAt: "x" }]],
    [
      "status resource rows",
      statusResourcesSchema,
      [{ subject: "Deployment/web/api", apiVersion: "apps/v1", group: "apps", kind: "Deployment", namespace: "web", name: "api", status: "OutOfSync", state: "modified", changedPaths: [".spec.replicas"], health: "Healthy", changes: [{ path: ".spec.replicas", manager: "kubectl" }] }],
      [{ subject: "Deployment/web/api", kind: "Deployment", namespace: "web", name: "api", status: "Sideways", state: "modified", changedPaths: [] }],
    ],
    ["operation results", operationResultsSchema, [{ subject: "ConfigMap/web/c", group: "", kind: "ConfigMap", namespace: "web", name: "c", action: "created" }], [{ subject: "ConfigMap/web/c", kind: "ConfigMap", action: "created" }]],
    ["operation logs", operationLogSchema, [{ at: "2026-01-01T00:00:00Z", message: "retrying" }], [{ at: 5, message: "retrying" }]],
    ["user grants", userGrantsSchema, ["web", "team-a-*"], ["web", 3]],
    ["token app scopes", tokenAppsSchema, [], "web"],
    ["applied manifests", operationManifestsSchema, [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "web", labels: { a: "b" } }, data: { k: "v" } }], [{ apiVersion: "v1", kind: "ConfigMap", metadata: {} }]],
  ])("accept good %s and refuse bad ones", (_name, schema, good, bad) => {
    expect(schema.safeParse(good).success).toBe(true);
    expect(schema.safeParse(bad).success).toBe(false);
  });

  it("keep the fields of a resource row they do not check", () => {
    const row = { subject: "S", kind: "K", namespace: "", name: "n", status: "Synced", state: "synced", changedPaths: [], healthMessage: "ready" };
    expect(statusResourcesSchema.parse([row])).toEqual([row]);
  });
});

describe("reading a JSON column", () => {
  it("answers the validated value of a good row", () => {
    const results = [{ subject: "ConfigMap/web/c", group: "", kind: "ConfigMap", namespace: "web", name: "c", action: "pruned" }];
    expect(readJsonColumn(operationResultsSchema, JSON.stringify(results), where)).toEqual(results);
  });

  it("names the table, column and row when the value does not match, keeping the issues as the cause", () => {
    const read = () => readJsonColumn(operationResultsSchema, JSON.stringify([{ action: "exploded" }]), where);
    expect(read).toThrow(CorruptRowError);
    expect(read).toThrow('The results column of Operation row "op-1" does not hold valid data.');
    try {
      read();
    } catch (error) {
      expect(error).toMatchObject({ table: "Operation", column: "results", rowId: "op-1" });
      expect((error as Error).cause).toBeDefined();
    }
  });

  it("refuses text that is not JSON at all", () => {
    expect(() => readJsonColumn(userGrantsSchema, "[web", { table: "User", column: "grants", rowId: "u1" })).toThrow('The grants column of User row "u1" does not hold valid data.');
  });
});
