import { describe, expect, it } from "vitest";
import { listKeyAction, movedIndex, SHORTCUTS, type KeyPress, type ListAction, type ListKeyContext } from "./list-keys";

const LIST: ListKeyContext = { helpOpen: false, mayRefresh: true };
const on = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key, target: "other", ...extra });

describe("listKeyAction", () => {
  const table: [string, KeyPress, ListKeyContext, ListAction | undefined][] = [
    ["j moves down", on("j"), LIST, { type: "move", delta: 1 }],
    ["ArrowDown moves down", on("ArrowDown"), LIST, { type: "move", delta: 1 }],
    ["k moves up", on("k"), LIST, { type: "move", delta: -1 }],
    ["ArrowUp moves up", on("ArrowUp"), LIST, { type: "move", delta: -1 }],
    ["Enter opens the highlighted app", on("Enter"), LIST, { type: "open" }],
    ["Enter on a link or button is left to it", on("Enter", { target: "control" }), LIST, undefined],
    ["r refreshes when the user may refresh", on("r"), LIST, { type: "refresh" }],
    ["r does nothing for a viewer", on("r"), { ...LIST, mayRefresh: false }, undefined],
    ["/ focuses the search box", on("/"), LIST, { type: "focus-search" }],
    ["? shows the help", on("?"), LIST, { type: "toggle-help" }],
    ["Escape in a text field leaves it", on("Escape", { target: "text" }), LIST, { type: "leave-search" }],
    ["j in a text field is typed, not a shortcut", on("j", { target: "text" }), LIST, undefined],
    ["/ in a text field is typed", on("/", { target: "text" }), LIST, undefined],
    ["Enter in a text field submits the form", on("Enter", { target: "text" }), LIST, undefined],
    ["a key with Ctrl is the browser's", on("r", { ctrlKey: true }), LIST, undefined],
    ["a key with Meta is the browser's", on("k", { metaKey: true }), LIST, undefined],
    ["a key with Alt is the browser's", on("ArrowDown", { altKey: true }), LIST, undefined],
    ["Escape closes the open help", on("Escape"), { ...LIST, helpOpen: true }, { type: "close-help" }],
    ["? closes the open help too", on("?"), { ...LIST, helpOpen: true }, { type: "toggle-help" }],
    ["moving is paused while the help is open", on("j"), { ...LIST, helpOpen: true }, undefined],
    ["Escape without help or field does nothing", on("Escape"), LIST, undefined],
    ["another key does nothing", on("x"), LIST, undefined],
  ];
  it.each(table)("%s", (_name, press, context, expected) => {
    expect(listKeyAction(press, context)).toEqual(expected);
  });
});

describe("movedIndex", () => {
  it("highlights the first row when none was highlighted", () => {
    expect(movedIndex(-1, 1, 5)).toBe(0);
    expect(movedIndex(-1, -1, 5)).toBe(0);
  });

  it("moves by one row and stops at either end", () => {
    expect(movedIndex(2, 1, 5)).toBe(3);
    expect(movedIndex(2, -1, 5)).toBe(1);
    expect(movedIndex(4, 1, 5)).toBe(4);
    expect(movedIndex(0, -1, 5)).toBe(0);
  });

  it("starts again from the first row when the list shrank under the highlight", () => {
    expect(movedIndex(7, 1, 3)).toBe(0);
  });

  it("highlights nothing in an empty list", () => {
    expect(movedIndex(-1, 1, 0)).toBe(-1);
  });
});

describe("SHORTCUTS", () => {
  it("documents every key the list acts on", () => {
    const documented = SHORTCUTS.flatMap((shortcut) => shortcut.keys);
    expect(documented).toEqual(expect.arrayContaining(["j", "k", "↓", "↑", "Enter", "r", "/", "Esc", "?"]));
  });
});
