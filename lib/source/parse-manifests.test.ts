import { describe, expect, it } from "vitest";

import { describeJsonError, parseJsonManifest } from "./parse-manifests";

function errorOf(text: string): string {
  try {
    parseJsonManifest(text, "secret.json");
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the text to be refused");
}

describe("a JSON syntax error", () => {
  const cases = [
    { name: "an unexpected token inside a Secret", text: '{"kind": "Secret",\n "stringData": {"password": hunter2-canary}}', line: 2, column: 29 },
    { name: "a missing comma after a Secret value", text: '{"stringData": {"password": "hunter2-canary" "x": 1}}', line: 1, column: 46 },
    { name: "a trailing comma after a Secret value", text: '{"password": "hunter2-canary",}', line: 1, column: 31 },
    { name: "text after the document", text: '{"a": 1} hunter2-canary', line: 1, column: 10 },
  ];

  for (const { name, text, line, column } of cases) {
    it(`names the file, line and column of ${name} without quoting the text`, () => {
      const message = errorOf(text);
      expect(message).toContain(`invalid JSON in secret.json: line ${line}, column ${column}: `);
      expect(message).not.toMatch(/hunter|canary|h'/);
    });
  }

  it("keeps the parser's reason when it quotes nothing", () => {
    expect(describeJsonError('{"a": "b" x}', "Expected ',' or '}' after property value in JSON at position 10 (line 1 column 11)")).toBe(
      "line 1, column 11: Expected ',' or '}' after property value",
    );
  });

  it("says only that the text is not valid JSON when the reason would quote it", () => {
    expect(describeJsonError("xy", 'Something "xy" odd')).toMatch(/: not valid JSON$/);
  });
});
