import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { DEFAULT_PROJECT_SPEC, projectSpecSchema } from "@/lib/projects/schema";
import { CorruptRowError } from "./corrupt-row-error";
import type { Database } from "./database";
import { openTempDatabase, type TempDatabase } from "./testing/temp-database";

const app = { repoUrl: "https://git.example/repo.git", targetRevision: "HEAD", path: ".", destCluster: "local", destNamespace: "web", automated: false, prune: false, selfHeal: false, createNamespace: false, historyLimit: null, refreshSeconds: null };

const teamA = projectSpecSchema.parse({
  name: "team-a",
  description: "Team A's apps.",
  sourceRepos: ["https://git.example/team-a/*", "!https://git.example/team-a/secret"],
  destinations: [{ namespace: "team-a-*" }],
  clusterResources: [{ group: "rbac.authorization.k8s.io", kind: "ClusterRole" }],
  roles: [{ name: "devs", role: "deployer", groups: ["team-a"] }],
  syncWindows: [{ kind: "deny", schedule: "0 22 * * *", duration: "8h", timeZone: "Europe/Berlin" }],
});

describe("the projects store", () => {
  let temp: TempDatabase;
  let db: Database;

  beforeEach(async () => {
    temp = await openTempDatabase("projects");
    db = temp.db;
  });

  afterEach(() => temp.dispose());

  it("starts with the built-in default project, as DEFAULT_PROJECT_SPEC describes it", async () => {
    const projects = await db.projects.listProjects();
    expect(projects).toHaveLength(1);
    expect(projects[0]).toMatchObject({ ...DEFAULT_PROJECT_SPEC, appCount: 0 });
    expect(projects[0]!.createdAt).toBeInstanceOf(Date);
    expect(Number.isNaN(projects[0]!.createdAt.getTime())).toBe(false);
  });

  it("creates a project and reads every list field back", async () => {
    const created = await db.projects.createProject(teamA);
    expect(created).toMatchObject({ ...teamA, appCount: 0 });
    expect(await db.projects.getProject("team-a")).toMatchObject(teamA);
    expect((await db.projects.listProjects()).map((p) => p.name)).toEqual(["default", "team-a"]);
  });

  it("refuses a second project of the same name, and keeps the first", async () => {
    await db.projects.createProject(teamA);
    const again = db.projects.createProject({ ...teamA, description: "Another." });
    await expect(again).rejects.toThrow(ConflictError);
    await expect(again).rejects.toThrow('A project named "team-a" already exists.');
    expect((await db.projects.getProject("team-a")).description).toBe("Team A's apps.");
  });

  it("changes only the fields an update names", async () => {
    await db.projects.createProject(teamA);
    const updated = await db.projects.updateProject("team-a", { description: "Renamed team.", destinations: [{ cluster: "*", namespace: "a-*", deny: false }] });
    expect(updated.description).toBe("Renamed team.");
    expect(updated.destinations).toEqual([{ cluster: "*", namespace: "a-*", deny: false }]);
    expect(updated.roles).toEqual(teamA.roles);
    expect(updated.syncWindows).toEqual(teamA.syncWindows);
  });

  it("answers NotFoundError for a project that does not exist", async () => {
    await expect(db.projects.getProject("nobody")).rejects.toThrow(NotFoundError);
    await expect(db.projects.updateProject("nobody", { description: "x" })).rejects.toThrow('Project "nobody" does not exist.');
    await expect(db.projects.deleteProject("nobody")).rejects.toThrow(NotFoundError);
  });

  it("refuses to delete a project that still has apps, saying how many, and deletes it once empty", async () => {
    await db.projects.createProject(teamA);
    await db.apps.createApp({ ...app, name: "web", project: "team-a" });
    await db.apps.createApp({ ...app, name: "api", project: "team-a" });
    expect((await db.projects.getProject("team-a")).appCount).toBe(2);

    await expect(db.projects.deleteProject("team-a")).rejects.toThrow(ConflictError);
    await expect(db.projects.deleteProject("team-a")).rejects.toThrow('Project "team-a" still has 2 apps; move them to another project or delete them first.');

    await db.apps.updateApp("web", { project: "default" });
    await db.apps.deleteApp("api");
    await db.projects.deleteProject("team-a");
    await expect(db.projects.getProject("team-a")).rejects.toThrow(NotFoundError);
    expect((await db.apps.getApp("web")).project).toBe("default");
  });

  it("never deletes the built-in default project", async () => {
    await expect(db.projects.deleteProject("default")).rejects.toThrow('The built-in project "default" cannot be deleted.');
    expect((await db.projects.getProject("default")).name).toBe("default");
  });

  it("refuses a row whose JSON column was corrupted, naming it", async () => {
    await db.projects.createProject(teamA);
    await db.prisma.project.update({ where: { name: "team-a" }, data: { syncWindows: '[{"kind":"sometimes"}]' } });
    await expect(db.projects.getProject("team-a")).rejects.toThrow(CorruptRowError);
    await expect(db.projects.getProject("team-a")).rejects.toThrow('The syncWindows column of Project row "team-a" does not hold valid data.');
  });
});

describe("apps in projects", () => {
  let temp: TempDatabase;
  let db: Database;

  beforeEach(async () => {
    temp = await openTempDatabase("project-apps");
    db = temp.db;
    await db.projects.createProject(teamA);
  });

  afterEach(() => temp.dispose());

  it("stores the app's project and lists apps by one project or only some", async () => {
    await db.apps.createApp({ ...app, name: "web", project: "team-a" });
    await db.apps.createApp({ ...app, name: "shop", project: "default" });
    expect((await db.apps.getApp("web")).project).toBe("team-a");
    expect((await db.apps.listApps({ project: "team-a" })).rows.map((r) => r.name)).toEqual(["web"]);
    expect((await db.apps.listApps({ projects: ["default"] })).rows.map((r) => r.name)).toEqual(["shop"]);
    expect((await db.apps.listApps({ projects: [] })).total).toBe(0);
    expect((await db.apps.listApps({ project: "team-a", projects: ["default"] })).total).toBe(0);
    expect((await db.apps.listApps()).total).toBe(2);
  });

  it("counts apps in a project's record, and gives its definition without the count", async () => {
    await db.apps.createApp({ ...app, name: "web", project: "team-a" });
    await db.apps.createApp({ ...app, name: "shop", project: "team-a" });
    const { appCount, ...definition } = await db.projects.getProject("team-a");
    expect(appCount).toBe(2);
    expect(await db.projects.getProjectDefinition("team-a")).toEqual(definition);
    expect((await db.projects.listProjectDefinitions()).map((p) => p.name)).toEqual((await db.projects.listProjects()).map((p) => p.name));
    expect(await db.projects.listProjectDefinitions()).not.toContainEqual(expect.objectContaining({ appCount: expect.anything() }));
    await expect(db.projects.getProjectDefinition("nobody")).rejects.toThrow('Project "nobody" does not exist.');
  });

  it("refuses an app in a project that does not exist, field by field, and stores nothing", async () => {
    const creating = db.apps.createApp({ ...app, name: "web", project: "nobody" });
    await expect(creating).rejects.toThrow(ValidationError);
    await expect(creating).rejects.toMatchObject({ fields: [{ field: "project", message: 'Project "nobody" does not exist.' }] });
    await expect(db.apps.getApp("web")).rejects.toThrow(NotFoundError);
  });

  it("moves an app to another project, and refuses moving it to one that does not exist", async () => {
    await db.apps.createApp({ ...app, name: "web", project: "default" });
    expect((await db.apps.updateApp("web", { project: "team-a" })).project).toBe("team-a");
    await expect(db.apps.updateApp("web", { project: "nobody" })).rejects.toMatchObject({ fields: [{ field: "project", message: 'Project "nobody" does not exist.' }] });
    expect((await db.apps.getApp("web")).project).toBe("team-a");
  });
});
