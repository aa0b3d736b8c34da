/**
 * The explorer's keyboard shortcuts: one table, read by the components that bind them
 * (useShortcut) and by the `?` help dialog, so the dialog always lists what is bound.
 * `keys` is react-hotkeys-hook syntax: physical keys (KeyboardEvent.code), so Alt+letter works
 * on macOS too, where Option changes the character typed; `byKey` ones match the character
 * typed instead (KeyboardEvent.key, Shift ignored), as `/` and `?` sit on different keys in
 * different layouts. Alt chords leave plain letters to the
 * tree's type-ahead; none fires while typing in a text field or the code editor, except save.
 */
export const SHORTCUTS = {
  jump: { keys: "/", byKey: true, label: "/", description: "Jump to key (focus the box)" },
  search: { keys: "mod+k", label: "Ctrl+K / ⌘K", description: "Search keys and values" },
  newKey: { keys: "alt+n", label: "Alt+N", description: "New key" },
  edit: { keys: "alt+e", label: "Alt+E", description: "Edit the open key's value" },
  save: { keys: "mod+s", label: "Ctrl+S / ⌘S", description: "Save the value (in the editor)" },
  eventLog: { keys: "alt+l", label: "Alt+L", description: "Show or hide the event log" },
  help: { keys: "?", byKey: true, label: "?", description: "Show these shortcuts" },
} as const satisfies Record<
  string,
  { keys: string; byKey?: boolean; label: string; description: string }
>;

/** A shortcut's name in {@link SHORTCUTS}. */
export type ShortcutName = keyof typeof SHORTCUTS;

/** The tree's own keys (WAI-ARIA tree pattern), for the help dialog. */
export const TREE_KEYS: readonly { label: string; description: string }[] = [
  { label: "Tab", description: "Move into the key tree (one stop) and out again" },
  { label: "↓ / ↑", description: "Next / previous row" },
  { label: "→", description: "Open a folder; on an open folder, go to its first child" },
  { label: "←", description: "Close a folder; otherwise go to the parent folder" },
  { label: "Home / End", description: "First / last row" },
  { label: "a–z, 0–9…", description: "Jump to the next row whose name starts with what you type" },
  { label: "Enter", description: "Open the key or folder" },
  { label: "Space", description: "Add the row to the selection, or take it out" },
  { label: "Shift+↓ / ↑", description: "Extend the selection" },
  { label: "Ctrl+A / ⌘A", description: "Select every row shown" },
  { label: "Esc", description: "Clear the selection; close a dialog" },
];
