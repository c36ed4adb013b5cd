import { describe, expect, it } from "vitest";
import { DEFAULT_PROJECT_SPEC, projectSpecSchema, type ProjectSpec } from "./schema";
import { formatProjectText, parseProjectText, SPEC_TEXT_FIELD, type ProjectSpecBody } from "./spec-text";

function withoutName(spec: ProjectSpec): ProjectSpecBody {
  return Object.fromEntries(Object.entries(spec).filter(([key]) => key !== "name")) as ProjectSpecBody;
}

describe("a project's spec as editable text", () => {
  it("reads back what it wrote, without the name", () => {
    const spec = projectSpecSchema.parse({
      name: "team-a",
      description: "Team A's apps",
      sourceRepos: ["https://git.example.com/team-a/*", "!https://git.example.com/team-a/secret.git"],
      destinations: [{ namespace: "team-a-*" }],
      clusterResources: [{ group: "", kind: "Namespace" }],
      syncWindows: [{ kind: "deny", schedule: "0 22 * * 1-5", duration: "8h", timeZone: "Europe/Berlin" }],
    });
    const text = formatProjectText(spec);
    expect(text).not.toMatch(/^name:/m);
    expect(parseProjectText(text)).toEqual({ ok: true, body: withoutName(spec) });
  });

  it("accepts JSON, and gives every field left out its default", () => {
    const result = parseProjectText('{"sourceRepos": ["*"], "appNamespace": true}');
    expect(result).toEqual({ ok: true, body: { ...withoutName(DEFAULT_PROJECT_SPEC), description: "" } });
  });

  it("reads empty text as a project that allows nothing", () => {
    expect(parseProjectText("")).toMatchObject({ ok: true, body: { sourceRepos: [], destinations: [], appNamespace: false } });
  });

  it("puts each schema problem on its field path", () => {
    const result = parseProjectText("destinations:\n  - namespace: ''\nsyncWindows:\n  - kind: deny\n    schedule: '0 25 * * *'\n    duration: 1h\n");
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.errors.map((e) => e.field);
    expect(fields).toEqual(["destinations.0.namespace", "syncWindows.0.schedule"]);
  });

  it("refuses a misspelt field instead of ignoring it", () => {
    const result = parseProjectText("destination: []\n");
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.errors[0]!.message).toContain("destination");
  });

  it("refuses text that is not YAML, or not a mapping, on the whole text", () => {
    const broken = parseProjectText("sourceRepos: [\n");
    expect(broken.ok ? [] : broken.errors.map((e) => e.field)).toEqual([SPEC_TEXT_FIELD]);
    expect(broken.ok ? "" : broken.errors[0]!.message).toMatch(/^The text is not valid YAML or JSON: /);
    const list = parseProjectText("- a\n- b\n");
    expect(list.ok ? [] : list.errors.map((e) => e.field)).toEqual([SPEC_TEXT_FIELD]);
  });
});
