"use client";

import { json } from "@codemirror/lang-json";
import { yaml } from "@codemirror/lang-yaml";
import CodeMirror, { EditorState, EditorView } from "@uiw/react-codemirror";
import { useMemo } from "react";
import type { ValueFormat } from "@/lib/format/detect-format";

/** Props of the CodeMirror editor. */
export type CodeEditorProps = {
  /** The text being edited. */
  value: string;
  /** Called with the full text on every change. */
  onChange: (value: string) => void;
  /** Syntax highlighting: JSON, YAML, or none for text/base64. */
  format: ValueFormat;
  /** Accessible name of the editing surface (CodeMirror's `role="textbox"`). */
  label: string;
};

// By default CodeMirror splits lines on \r\n, \r and \n and joins them with \n, so loading
// "a\r\nb" and typing one character would rewrite every CR. With "\n" as the only separator a
// CR (alone or before \n) stays an ordinary character of its line, shown as a special-character
// placeholder, and the document's text is exactly the value's text. A static facet: it must be
// there when the state is created (it is: @uiw/react-codemirror passes `extensions` to create).
const EXACT_LINE_ENDINGS = EditorState.lineSeparator.of("\n");

/**
 * CodeMirror 6 with JSON/YAML highlighting, line wrapping and an accessible name. The text
 * round-trips exactly: `onChange` receives the value with only the user's edits applied (no
 * line-ending normalisation). Client only.
 */
export function CodeEditorImpl({ value, onChange, format, label }: CodeEditorProps) {
  const extensions = useMemo(
    () => [
      EXACT_LINE_ENDINGS,
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-label": label }),
      ...(format === "json" ? [json()] : format === "yaml" ? [yaml()] : []),
    ],
    [format, label],
  );
  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      extensions={extensions}
      height="100%"
      basicSetup={{ foldGutter: true, highlightActiveLine: true }}
      className="h-full"
    />
  );
}
