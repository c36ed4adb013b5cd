import { describe, expect, it } from "vitest";
import { appUrl, DEFAULT_TEMPLATES, renderTemplate, unknownPlaceholders, type TemplateValues } from "./template";
import { TRIGGERS } from "./triggers";

const values: TemplateValues = { app: "web", project: "shop", revision: "0123456", trigger: "sync-failed", message: "It broke.", url: "https://lockstep.example/apps/web" };

describe("renderTemplate", () => {
  it("fills every placeholder", () => {
    expect(renderTemplate("{{app}}/{{project}}@{{revision}} {{trigger}}: {{message}} {{url}}", values)).toBe("web/shop@0123456 sync-failed: It broke. https://lockstep.example/apps/web");
  });

  it("accepts spaces inside the braces", () => {
    expect(renderTemplate("{{ app }}", values)).toBe("web");
  });

  it("leaves an unknown placeholder as written", () => {
    expect(renderTemplate("{{nope}} {{app}}", values)).toBe("{{nope}} web");
  });

  it("does not read placeholders from the object's prototype", () => {
    expect(renderTemplate("{{constructor}}", values)).toBe("{{constructor}}");
  });

  it.each(TRIGGERS)("has a default for %s that names the app and links to it", (trigger) => {
    const text = renderTemplate(DEFAULT_TEMPLATES[trigger], values);
    expect(text).toContain("web");
    expect(text).toContain(values.url);
    expect(unknownPlaceholders(DEFAULT_TEMPLATES[trigger])).toEqual([]);
  });
});

describe("unknownPlaceholders", () => {
  it("lists each unknown name once", () => {
    expect(unknownPlaceholders("{{app}} {{who}} {{who}} {{when}}")).toEqual(["who", "when"]);
  });
});

describe("appUrl", () => {
  it("joins the base and the app's page, ignoring a trailing slash", () => {
    expect(appUrl("https://lockstep.example/", "web")).toBe("https://lockstep.example/apps/web");
  });

  it("keeps a base path", () => {
    expect(appUrl("https://example.com/lockstep", "web")).toBe("https://example.com/lockstep/apps/web");
  });

  it("opens each default with its emoji", () => {
    expect(Object.values(DEFAULT_TEMPLATES).map((text) => text.split(" ")[0])).toEqual(["✅", "❌", "⚠️", "🔀", "⏪", "⏸️"]);
  });
});
