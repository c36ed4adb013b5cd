import { describe, expect, it } from "vitest";
import { parseTreeListing, restoreOperations, summarizeOperations, type TreeEntry } from "./tree-restore";

const sha = (c: string) => c.repeat(40);
const file = (path: string, object: string, mode = "100644"): TreeEntry => ({ mode, type: "blob", object: sha(object), path });

describe("parseTreeListing", () => {
  it("reads NUL-separated ls-tree records, paths with spaces and tabs included", () => {
    const text = `100644 blob ${sha("a")}\tapps/web/deploy ment.yaml\x00120000 blob ${sha("b")}\tapps/web/link\x00160000 commit ${sha("c")}\tapps/web/sub\twith-tab\x00`;
    expect(parseTreeListing(text)).toEqual([
      { mode: "100644", type: "blob", object: sha("a"), path: "apps/web/deploy ment.yaml" },
      { mode: "120000", type: "blob", object: sha("b"), path: "apps/web/link" },
      { mode: "160000", type: "commit", object: sha("c"), path: "apps/web/sub\twith-tab" },
    ]);
  });

  it("reads an empty listing as no files", () => {
    expect(parseTreeListing("")).toEqual([]);
  });

  it("refuses a record that is not ls-tree's", () => {
    expect(() => parseTreeListing("not a tree")).toThrow(/Unexpected git ls-tree record/);
  });
});

describe("restoreOperations", () => {
  it("adds files only the old revision has, changes files whose content or mode differ, and deletes files it lacks", () => {
    const current = [file("p/keep.yaml", "1"), file("p/changed.yaml", "2"), file("p/new-since.yaml", "3"), file("p/script.sh", "4")];
    const target = [file("p/keep.yaml", "1"), file("p/changed.yaml", "9"), file("p/gone-since.yaml", "5"), file("p/script.sh", "4", "100755")];
    expect(restoreOperations(current, target)).toEqual([
      { action: "delete", path: "p/new-since.yaml" },
      { action: "change", path: "p/changed.yaml", mode: "100644", object: sha("9") },
      { action: "add", path: "p/gone-since.yaml", mode: "100644", object: sha("5") },
      { action: "change", path: "p/script.sh", mode: "100755", object: sha("4") },
    ]);
  });

  it("answers nothing when the directory already equals the old one", () => {
    const files = [file("p/a.yaml", "1"), file("p/b.yaml", "2")];
    expect(restoreOperations(files, [...files].reverse())).toEqual([]);
  });

  it("puts deletions first so a file can give way to a directory of the same name", () => {
    const operations = restoreOperations([file("p/config", "1")], [file("p/config/app.yaml", "2")]);
    expect(operations.map((op) => op.action)).toEqual(["delete", "add"]);
  });

  it("restores a directory Git no longer has at all", () => {
    expect(restoreOperations([], [file("p/a.yaml", "1")])).toEqual([{ action: "add", path: "p/a.yaml", mode: "100644", object: sha("1") }]);
  });
});

describe("summarizeOperations", () => {
  it("names each file's change in words, sorted by path", () => {
    const summary = summarizeOperations([
      { action: "delete", path: "p/z.yaml" },
      { action: "add", path: "p/a.yaml", mode: "100644", object: sha("1") },
      { action: "change", path: "p/m.yaml", mode: "100644", object: sha("2") },
    ]);
    expect(summary).toEqual([
      { path: "p/a.yaml", change: "added" },
      { path: "p/m.yaml", change: "changed" },
      { path: "p/z.yaml", change: "deleted" },
    ]);
  });
});
