"use client";

import { useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import type { Selection } from "./use-selection";
import { Input } from "@/components/ui/input";
import { useShortcut } from "./shortcuts/use-shortcut";

/**
 * "Jump to key": type a full key and open it (a name ending in "/" opens that folder). The `/`
 * shortcut focuses the box.
 * @prop onJump  receives the new selection
 */
export function JumpToKey({ onJump }: { onJump: (s: Selection) => void }) {
  const [text, setText] = useState("");
  const input = useRef<HTMLInputElement>(null);
  useShortcut("jump", () => {
    input.current?.focus();
    input.current?.select();
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!text) return;
    onJump(
      text.endsWith("/")
        ? { kind: "folder", folder: { prefix: text, prefixEncoding: "utf8" } }
        : { kind: "key", ref: { key: text, keyEncoding: "utf8" } },
    );
  }
  return (
    <form role="search" aria-label="Jump to key" onSubmit={submit} className="flex gap-2">
      <Input
        ref={input}
        type="text"
        aria-label="Jump to key"
        placeholder="Jump to key, e.g. /config/app.json"
        value={text}
        onChange={(e) => setText(e.target.value)}
        className="min-w-0 flex-1"
      />
      <Button size="sm" type="submit">
        Go
      </Button>
    </form>
  );
}
