import { describe, expect, it } from "vitest";
import { renderApps, TemplateError } from "./render";
import { appSetSpecSchema } from "./schema";

const set = appSetSpecSchema.parse({
  name: "services",
  repoUrl: "https://git.example.com/config.git",
  revision: "main",
  generator: { list: { elements: [] } },
  template: {
    name: "{{service}}-{{env}}",
    path: "services/{{service}}/overlays/{{env}}",
    destNamespace: "{{service}}-{{env}}",
    automated: true,
    labels: { env: "{{env}}" },
  },
});

describe("rendering a set's template", () => {
  it("gives one valid app per value set, with the set's repository, revision, project and labels", () => {
    const [app] = renderApps(set, [{ service: "guestbook", env: "dev" }]);
    expect(app!.spec).toMatchObject({ name: "guestbook-dev", repoUrl: set.repoUrl, targetRevision: "main", path: "services/guestbook/overlays/dev", destNamespace: "guestbook-dev", project: "default", automated: true });
    expect(app!.labels).toEqual({ env: "dev" });
  });

  it("turns the apps' automated sync off under a progressive strategy", () => {
    const [app] = renderApps({ ...set, strategy: { steps: [{ matchLabels: { env: "dev" } }] } }, [{ service: "guestbook", env: "dev" }]);
    expect(app!.spec.automated).toBe(false);
  });

  it("refuses an unknown placeholder with one sentence naming the set", () => {
    expect(() => renderApps(set, [{ service: "guestbook" }])).toThrow("App set services's template: The placeholder {{env}} is not a value the generator gives (it gives: service).");
  });

  it("checks a generated name as a hand-made app's name", () => {
    expect(() => renderApps(set, [{ service: "Guest_Book", env: "dev" }])).toThrow(TemplateError);
    expect(() => renderApps(set, [{ service: "Guest_Book", env: "dev" }])).toThrow(/generated an invalid app "Guest_Book-dev": name: Name must be a DNS-1123 label/);
  });

  it("refuses a name generated twice", () => {
    expect(() => renderApps(set, [{ service: "a", env: "dev" }, { service: "a", env: "dev" }])).toThrow("App set services generates the app name a-dev twice; put a value that differs per app in the template's name.");
  });
});
