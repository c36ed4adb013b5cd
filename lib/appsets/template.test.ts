import { describe, expect, it } from "vitest";
import { hasPlaceholder, renderString, renderValue, UnknownPlaceholderError } from "./template";

describe("placeholders", () => {
  const params = { "path.basename": "guestbook", env: "dev", "path[1]": "guestbook" };

  it("replaces each placeholder, spaces inside the braces ignored", () => {
    expect(renderString("{{path.basename}}-{{ env }}", params)).toBe("guestbook-dev");
    expect(renderString("{{path[1]}}", params)).toBe("guestbook");
  });

  it("refuses an unknown placeholder with one sentence naming what the generator gives", () => {
    expect(() => renderString("{{path.basenam}}", params)).toThrow(UnknownPlaceholderError);
    expect(() => renderString("{{path.basenam}}", params)).toThrow("The placeholder {{path.basenam}} is not a value the generator gives (it gives: env, path.basename, path[1]).");
  });

  it("renders every string of nested objects and arrays, leaving other values alone", () => {
    expect(renderValue({ a: ["{{env}}", 3, true], b: { c: "x-{{env}}" } }, params)).toEqual({ a: ["dev", 3, true], b: { c: "x-dev" } });
  });

  it("tells text with placeholders from text without", () => {
    expect(hasPlaceholder("services/{{path}}")).toBe(true);
    expect(hasPlaceholder("services/*")).toBe(false);
  });
});
