/**
 * The Applications list's keyboard shortcuts as data: which key does what, decided by a pure
 * function so the rules (no shortcut while typing, modifiers left to the browser) are tested
 * without a browser. The help dialog lists {@link SHORTCUTS}, so the two cannot disagree.
 */

/** What a key asks the list to do. */
export type ListAction =
  | { type: "move"; delta: 1 | -1 }
  | { type: "open" }
  | { type: "refresh" }
  | { type: "focus-search" }
  | { type: "leave-search" }
  | { type: "toggle-help" }
  | { type: "close-help" };

/** Where the key was pressed: a text field (input, textarea, select, editable), another control (link, button), or elsewhere. */
export type KeyTarget = "text" | "control" | "other";

/** The key press, as far as the shortcuts read it. */
export interface KeyPress {
  /** `KeyboardEvent.key`. */
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target: KeyTarget;
}

/** What the list knows when a key is pressed. */
export interface ListKeyContext {
  /** The help dialog is open. */
  helpOpen: boolean;
  /** The user may refresh apps (`r` does nothing otherwise). */
  mayRefresh: boolean;
}

/** One shortcut as the help dialog shows it. */
export interface Shortcut {
  keys: readonly string[];
  does: string;
}

/** Every shortcut, in the order the help dialog lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ["j", "↓"], does: "Move to the next application" },
  { keys: ["k", "↑"], does: "Move to the previous application" },
  { keys: ["Enter"], does: "Open the highlighted application" },
  { keys: ["r"], does: "Refresh the highlighted application (deployers)" },
  { keys: ["/"], does: "Search" },
  { keys: ["Esc"], does: "Leave the search box, or close this help" },
  { keys: ["?"], does: "Show or hide this help" },
];

/**
 * The action a key press asks for, or undefined when the list should leave it alone (and the
 * browser do its default). While typing in a text field only Escape counts (it leaves the
 * field); a key with Ctrl, Meta or Alt is the browser's; Enter on a link or button is theirs.
 */
export function listKeyAction(press: KeyPress, context: ListKeyContext): ListAction | undefined {
  if (press.ctrlKey || press.metaKey || press.altKey) return undefined;
  if (press.target === "text") return press.key === "Escape" ? { type: "leave-search" } : undefined;
  if (context.helpOpen) {
    if (press.key === "Escape") return { type: "close-help" };
    return press.key === "?" ? { type: "toggle-help" } : undefined;
  }
  switch (press.key) {
    case "j":
    case "ArrowDown":
      return { type: "move", delta: 1 };
    case "k":
    case "ArrowUp":
      return { type: "move", delta: -1 };
    case "Enter":
      return press.target === "control" ? undefined : { type: "open" };
    case "r":
      return context.mayRefresh ? { type: "refresh" } : undefined;
    case "/":
      return { type: "focus-search" };
    case "?":
      return { type: "toggle-help" };
    default:
      return undefined;
  }
}

/**
 * The row highlighted after moving by `delta` among `count` rows, from `current` (-1 when none
 * is): the first row when none was, and no further than the first or last row.
 */
export function movedIndex(current: number, delta: 1 | -1, count: number): number {
  if (count === 0) return -1;
  if (current < 0 || current >= count) return 0;
  return Math.min(count - 1, Math.max(0, current + delta));
}
