"use client";

import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import type { Selection } from "./use-selection";
import { Input } from "@/components/ui/input";
import { SuggestionList } from "./jump/suggestion-list";
import type { KeySuggestion } from "./jump/suggestions";
import { useKeySuggestions } from "./jump/use-key-suggestions";
import { useShortcut } from "./shortcuts/use-shortcut";

/**
 * "Jump to key": type a full key and open it (a name ending in "/" opens that folder). The `/`
 * shortcut focuses the box. While typing, existing keys starting with the text are suggested
 * (the WAI-ARIA combobox pattern: ↓/↑ move through them, Enter takes the highlighted one, Esc
 * closes the list); a suggested folder is typed into the box to go on from, a key is opened.
 * @prop onJump  receives the new selection
 */
export function JumpToKey({ onJump }: { onJump: (s: Selection) => void }) {
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const suggestions = useKeySuggestions(text, open);
  const shown = open && suggestions.length > 0;
  useShortcut("jump", () => {
    input.current?.focus();
    input.current?.select();
  });

  function jump(s: Selection) {
    setOpen(false);
    setActive(-1);
    onJump(s);
  }
  function choose(s: KeySuggestion) {
    if (s.kind === "folder") {
      // Type the folder in and keep suggesting below it; Enter then opens it.
      setText(s.text);
      setActive(-1);
      input.current?.focus();
      return;
    }
    if (s.encoding === "utf8") setText(s.text);
    jump({ kind: "key", ref: { key: s.text, keyEncoding: s.encoding } });
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    if (shown && active >= 0 && suggestions[active]) return choose(suggestions[active]);
    if (!text) return;
    jump(
      text.endsWith("/")
        ? { kind: "folder", folder: { prefix: text, prefixEncoding: "utf8" } }
        : { kind: "key", ref: { key: text, keyEncoding: "utf8" } },
    );
  }
  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) return setOpen(true);
      const n = suggestions.length;
      if (n === 0) return;
      setActive((i) => (e.key === "ArrowDown" ? (i + 1) % n : i <= 0 ? n - 1 : i - 1));
    } else if (e.key === "Escape" && shown) {
      e.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  }
  const optionId = (i: number) => `${listId}-${i}`;

  return (
    <form role="search" aria-label="Jump to key" onSubmit={submit} className="relative flex gap-2">
      <Input
        ref={input}
        type="text"
        role="combobox"
        aria-label="Jump to key"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder="Jump to key, e.g. /config/app.json"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        className="min-w-0 flex-1"
      />
      <Button size="sm" type="submit">
        Go
      </Button>
      <SuggestionList
        id={listId}
        hidden={!shown}
        suggestions={suggestions}
        active={active}
        optionId={optionId}
        onChoose={choose}
      />
    </form>
  );
}
