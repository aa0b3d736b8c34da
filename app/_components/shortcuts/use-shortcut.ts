"use client";

import { useHotkeys } from "react-hotkeys-hook";
import { SHORTCUTS, type ShortcutName } from "./shortcuts";

/**
 * Binds one of the explorer's {@link SHORTCUTS} (keydown on the document) while the calling
 * component is mounted and `enabled`. It does not fire while typing in an input, textarea,
 * select or the code editor (contenteditable) unless `inEditors` (Ctrl/Cmd+S), nor for a key
 * something else already handled (the tree's type-ahead calls preventDefault). The browser's
 * own action for the key (Ctrl+S: save page) is prevented.
 * @param name     which shortcut
 * @param handler  what it does
 * @param options  `enabled` (default true), `inEditors` (default false)
 */
export function useShortcut(
  name: ShortcutName,
  handler: () => void,
  { enabled = true, inEditors = false }: { enabled?: boolean; inEditors?: boolean } = {},
): void {
  const shortcut: { keys: string; byKey?: boolean } = SHORTCUTS[name];
  const byKey = shortcut.byKey ?? false;
  useHotkeys(shortcut.keys, handler, {
    enabled,
    enableOnFormTags: inEditors,
    enableOnContentEditable: inEditors,
    useKey: byKey,
    // A typed character may need Shift (`?`); Ctrl/Alt/Meta with it are some other shortcut.
    ignoreModifiers: byKey,
    ignoreEventWhen: (e) =>
      e.defaultPrevented || e.repeat || (byKey && (e.ctrlKey || e.altKey || e.metaKey)),
    preventDefault: true,
  });
}
