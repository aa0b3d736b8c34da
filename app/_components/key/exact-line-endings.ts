import { EditorState } from "@uiw/react-codemirror";

/**
 * CodeMirror extension that keeps a document's text byte-exact. By default CodeMirror splits
 * lines on `\r\n`, `\r` and `\n` and joins them with `\n`, so loading `"a\r\nb"` and typing one
 * character would rewrite every CR. With `"\n"` as the only separator a CR (alone or before
 * `\n`) stays an ordinary character of its line — shown as a special-character placeholder —
 * and `doc.toString()` is exactly the loaded text plus the user's edits. Enter inserts `\n`.
 * A static facet: it must be present when the state is created (@uiw/react-codemirror passes
 * `extensions` to `EditorState.create`).
 */
export const exactLineEndings = EditorState.lineSeparator.of("\n");
