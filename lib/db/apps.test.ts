import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openTempDatabase, type TempDatabase } from "./testing/temp-database";

const spec = { repoUrl: "https://git.example/config.git", targetRevision: "HEAD", path: ".", destCluster: "local", automated: false, prune: false, selfHeal: false, createNamespace: false, historyLimit: null, refreshSeconds: null, project: "default" };

let temp: TempDatabase;

beforeEach(async () => {
  temp = await openTempDatabase("apps");
});

afterEach(async () => {
  await temp.dispose();
});

describe("the apps store", () => {
  it("reads the apps a push compares together in one query, each as getApp reads it, and refuses a missing one alone", async () => {
    const { apps } = temp.db;
    for (let i = 0; i < 6; i++) await apps.createApp({ name: `web-${i}`, ...spec, destNamespace: `web-${i}` });
    const queries = vi.spyOn(temp.db.prisma.app, "findMany");
    const names = ["web-0", "web-1", "missing", "web-2", "web-3", "web-4", "web-5", "web-0"];
    const results = await Promise.allSettled(names.map((name) => apps.getAppWithResources(name)));
    expect(queries).toHaveBeenCalledTimes(1);
    expect(results.map((r) => r.status)).toEqual(names.map((name) => (name === "missing" ? "rejected" : "fulfilled")));
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ message: 'Application "missing" does not exist.' });
    for (const [i, name] of names.entries()) {
      const result = results[i]!;
      if (result.status === "fulfilled") expect(result.value).toEqual({ app: await apps.getApp(name), resources: [] });
    }
  });
});
