import { describe, expect, it } from "vitest";
import { safeHttpUrl, safeLocalPath } from "./safe-url";

describe("safe URLs", () => {
  it.each([
    ["https://git.example.com/config.git", "https://git.example.com/config.git"],
    ["http://127.0.0.1:8080/repo.git", "http://127.0.0.1:8080/repo.git"],
    ["javascript:alert(1)", undefined],
    ["JaVaScRiPt:alert(1)", undefined],
    ["data:text/html,<script>", undefined],
    ["file:///etc/passwd", undefined],
    ["git@github.com:org/repo.git", undefined],
    ["https://user:secret@git.example.com/x.git", undefined],
    ["not a url", undefined],
  ])("link %s as %s", (input, expected) => {
    expect(safeHttpUrl(input)).toBe(expected);
  });

  it.each([
    ["/apps/web?tab=diff", "/apps/web?tab=diff"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example/", "/"],
    ["", "/"],
  ])("go after sign-in from %s to %s", (input, expected) => {
    expect(safeLocalPath(input)).toBe(expected);
  });
});
