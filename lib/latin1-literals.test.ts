/**
 * The production server bundle holds one copy of lib/ per route handler (Turbopack does not
 * share that chunk between routes), and V8 keeps a script's source as two-byte text as soon as
 * one character lies beyond Latin-1: every copy then costs twice its size in memory. Comments
 * are stripped by the minifier, so only literals matter: they must stay within Latin-1 (build a
 * character such as an emoji from its code point instead).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const LIB = path.dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const beyondLatin1 = (text: string) => [...text].some((char) => char.codePointAt(0)! > 0xff);

/** Each literal of `file` (string, template part, regular expression) holding a character beyond Latin-1, as `file:line`. */
function wideLiterals(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const literal = ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node) || ts.isRegularExpressionLiteral(node);
    if (literal && beyondLatin1(node.getText(source))) found.push(`${path.relative(LIB, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("lib/ literals", () => {
  it("finds a literal beyond Latin-1 and passes over comments", () => {
    expect(wideLiterals(path.join(LIB, "x.ts"), '// café → bar\nconst a = "é";\nconst b = `x ${a} → y`;\nconst c = /…/;\n')).toEqual(["x.ts:3", "x.ts:4"]);
  });

  it("stay within Latin-1", () => {
    const files = sourceFiles(LIB);
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap((file) => wideLiterals(file, readFileSync(file, "utf8")))).toEqual([]);
  });
});
