"use client";

import { json } from "@codemirror/lang-json";
import { yaml } from "@codemirror/lang-yaml";
import CodeMirror, { EditorView } from "@uiw/react-codemirror";
import { useMemo } from "react";
import { useTheme } from "@/components/theme";
import type { ValueFormat } from "@/lib/format/detect-format";
import { exactLineEndings } from "./exact-line-endings";

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
  /** Take focus when mounted (an edit the user just started). */
  autoFocus?: boolean;
};

/**
 * CodeMirror 6 with JSON/YAML highlighting, line wrapping and an accessible name. The text
 * round-trips exactly: `onChange` receives the value with only the user's edits applied (no
 * line-ending normalisation, see exactLineEndings). Follows the colour theme (CodeMirror's own
 * light theme, or One Dark). Client only.
 */
export function CodeEditorImpl({
  value,
  onChange,
  format,
  label,
  autoFocus = false,
}: CodeEditorProps) {
  const extensions = useMemo(
    () => [
      exactLineEndings,
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-label": label }),
      ...(format === "json" ? [json()] : format === "yaml" ? [yaml()] : []),
    ],
    [format, label],
  );
  const { dark } = useTheme();
  return (
    <CodeMirror
      theme={dark ? "dark" : "light"}
      value={value}
      onChange={onChange}
      extensions={extensions}
      autoFocus={autoFocus}
      height="100%"
      basicSetup={{ foldGutter: true, highlightActiveLine: true }}
      className="h-full"
    />
  );
}
