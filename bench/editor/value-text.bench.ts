// Cost of what opening / editing / saving a large value does in the browser's main thread:
// the non-text rule, the editor's starting form, format detection, the CodeMirror document
// with exact line endings, and the conflict diff. Run: npx vitest bench --run bench/editor
import { EditorState } from "@uiw/react-codemirror";
import { bench, describe } from "vitest";
import { exactLineEndings } from "@/app/_components/key/exact-line-endings";
import { valueDiff } from "@/lib/format/value-diff";
import { bytesToBase64, utf8ToBytes } from "@/lib/format/bytes";
import { detectFormat } from "@/lib/format/detect-format";
import { editForm, notTextReason } from "@/lib/format/value-text";

const MIB = 1024 * 1024;
const line = "key: value with some text and a CR\r\n";
// 1.5 MiB (etcd's default request limit) of YAML-like CRLF text.
const text = line.repeat(Math.ceil((1.5 * MIB) / line.length));
const textBytes = utf8ToBytes(text);
const binary = new Uint8Array(1.5 * MIB).map((_, i) => (i * 7919) & 0xff);
const binaryB64 = bytesToBase64(binary);
const diffText = text.slice(0, 150_000);
const diffMine = diffText.replace("value", "VALUE");

describe("1.5 MiB value", () => {
  bench("notTextReason (text)", () => void notTextReason(textBytes));
  bench("editForm (utf8 text)", () => void editForm(text, "utf8"));
  bench("editForm (binary, base64)", () => void editForm(binaryB64, "base64"));
  bench("detectFormat (YAML-like text, no .yaml key)", () => void detectFormat("/k", text, "utf8"));
  bench("CodeMirror EditorState.create + toString, CRLF", () => {
    const s = EditorState.create({ doc: text, extensions: [exactLineEndings] });
    if (s.doc.toString() !== text) throw new Error("not exact");
  });
});

describe("conflict diff", () => {
  bench("valueDiff 150 kB, one line changed", () => {
    void valueDiff(utf8ToBytes(diffText), utf8ToBytes(diffMine));
  });
});
