import { describe, expect, it } from "vitest";
import { allowsDelete, allowsUpdate, appSetSpecSchema } from "./schema";

const base = {
  name: "services",
  repoUrl: "https://git.example.com/config.git",
  generator: { git: { directories: [{ path: "services/*" }] } },
  template: { name: "{{path.basename}}", destNamespace: "{{path.basename}}" },
};

const firstMessage = (input: unknown) => {
  const parsed = appSetSpecSchema.safeParse(input);
  return parsed.success ? undefined : parsed.error.issues[0]!.message;
};

describe("the app set spec", () => {
  it("defaults the project, revision, policy and template fields", () => {
    const spec = appSetSpecSchema.parse(base);
    expect(spec).toMatchObject({ project: "default", revision: "HEAD", policy: "create-update", preserveResourcesOnDeletion: false });
    expect(spec.template).toMatchObject({ path: ".", destCluster: "local", automated: false, labels: {} });
  });

  it("refuses a generator of no known kind with one sentence", () => {
    expect(firstMessage({ ...base, generator: { scm: {} } })).toBe("A generator must be one of git (directories or files), list, clusters or matrix.");
  });

  it("refuses a matrix of other than two generators", () => {
    expect(firstMessage({ ...base, generator: { matrix: { generators: [base.generator] } } })).toBe("A matrix generator takes exactly two generators.");
  });

  it("refuses a path pattern leaving the repository", () => {
    expect(firstMessage({ ...base, generator: { git: { directories: [{ path: "../x" }] } } })).toBe("A path pattern must not contain '..' segments.");
  });

  it("refuses an unknown policy, naming the ones there are", () => {
    expect(firstMessage({ ...base, policy: "delete-all" })).toBe("Policy must be one of create-only, create-update, create-delete, sync.");
  });

  it("refuses a progressive step that matches no label", () => {
    expect(firstMessage({ ...base, strategy: { steps: [{ matchLabels: {} }] } })).toBe("A step must match at least one label.");
  });

  it("allows updates and deletions as Argo CD's applicationsSync policies do", () => {
    expect([allowsUpdate("create-only"), allowsUpdate("create-update"), allowsUpdate("create-delete"), allowsUpdate("sync")]).toEqual([false, true, false, true]);
    expect([allowsDelete("create-only"), allowsDelete("create-update"), allowsDelete("create-delete"), allowsDelete("sync")]).toEqual([false, false, true, true]);
  });
});
