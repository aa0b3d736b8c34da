import { EditorState } from "@uiw/react-codemirror";
import { describe, expect, it } from "vitest";
import { exactLineEndings } from "@/app/_components/key/exact-line-endings";
import { bytesToBase64, utf8ToBytes } from "@/lib/format/bytes";
import { detectFormat, YAML_SNIFF_MAX_CHARS } from "@/lib/format/detect-format";
import { editedBytes, editForm, notTextReason, valueToSend } from "@/lib/format/value-text";

const bytes = (...b: number[]) => new Uint8Array(b);
const concat = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((p) => [...p]));

// Text a user may edit: CR/LF in every combination, tab, U+2028, a BOM, emoji, no trailing EOL.
const TEXTS = [
  "",
  "line1\r\nline2\r\n",
  "lone\rcr",
  "\r",
  "tabs\there\t\n",
  "line\u2028separator\u2029para",
  "\ufeffbom first",
  "emoji 🙂 and ü",
  "trailing newline\n",
  "\n\r\r\n\n",
];

describe("notTextReason (the non-text rule)", () => {
  it.each(TEXTS)("text: %j", (t) => {
    expect(notTextReason(utf8ToBytes(t))).toBeNull();
  });

  it("a protobuf-like value that happens to be valid UTF-8 with only LF/CR bytes is text", () => {
    // Field 1, length 0x0d (CR), then 13 bytes of text.
    expect(notTextReason(concat(bytes(0x0a, 0x0d), utf8ToBytes("hello\rworld!!")))).toBeNull();
  });

  it("the k8s\\0 magic is never text, even when the rest is", () => {
    expect(notTextReason(utf8ToBytes("k8s\0plain"))).toBe("k8s-protobuf");
    expect(notTextReason(utf8ToBytes("k8s"))).toBeNull();
    expect(notTextReason(utf8ToBytes("k8s/registry"))).toBeNull();
  });

  it("invalid UTF-8 is not text", () => {
    expect(notTextReason(bytes(0xff))).toBe("invalid-utf8");
    expect(notTextReason(bytes(0x61, 0xe2, 0x82))).toBe("invalid-utf8"); // truncated sequence
    expect(notTextReason(bytes(0xed, 0xa0, 0x80))).toBe("invalid-utf8"); // encoded surrogate
    expect(notTextReason(bytes(0xc0, 0x80))).toBe("invalid-utf8"); // overlong NUL
  });

  it.each([
    ["NUL", [0x00]],
    ["SOH", [0x01]],
    ["vertical tab", [0x0b]],
    ["form feed", [0x0c]],
    ["ESC", [0x1b]],
    ["DEL", [0x7f]],
    ["C1 NEL (U+0085)", [0xc2, 0x85]],
    ["C1 U+009F", [0xc2, 0x9f]],
  ])("a control byte other than tab/CR/LF is not text: %s", (_name, b) => {
    expect(notTextReason(concat(utf8ToBytes("abc"), bytes(...b), utf8ToBytes("def")))).toBe(
      "control-bytes",
    );
  });

  it("U+00A0 (just past C1) is text", () => {
    expect(notTextReason(utf8ToBytes("a\u00a0b"))).toBeNull();
  });
});

describe("editForm / valueToSend / editedBytes", () => {
  it.each(TEXTS)("text %j is edited as itself and sent back unchanged", (t) => {
    const form = editForm(t, "utf8");
    expect(form).toEqual({ mode: "text", text: t });
    expect(valueToSend(form.text, form.mode)).toEqual({ value: t, valueEncoding: "utf8" });
  });

  it("a BOM survives a value sent as base64 (it is a character, not a marker)", () => {
    const raw = concat(bytes(0xef, 0xbb, 0xbf), utf8ToBytes("a"));
    expect(editForm(bytesToBase64(raw), "base64")).toEqual({ mode: "text", text: "\ufeffa" });
  });

  it("values that are not text are edited as base64 of their exact bytes", () => {
    const k8s = concat(utf8ToBytes("k8s\0"), bytes(0x0a, 0x02), utf8ToBytes("v1"));
    // The gateway sends valid UTF-8 as utf8 text, control bytes and all.
    const form = editForm(new TextDecoder().decode(k8s), "utf8");
    expect(form).toEqual({ mode: "base64", text: bytesToBase64(k8s), reason: "k8s-protobuf" });
    expect(editedBytes(form.text, form.mode)).toEqual(k8s);
    expect(valueToSend(form.text, form.mode)).toEqual({
      value: bytesToBase64(k8s),
      valueEncoding: "base64",
    });

    const invalid = bytes(0xff, 0xfe, 0x0d, 0x0a, 0x41);
    const inv = editForm(bytesToBase64(invalid), "base64");
    expect(inv).toMatchObject({ mode: "base64", reason: "invalid-utf8" });
    expect(editedBytes(inv.text, inv.mode)).toEqual(invalid);
  });

  it("base64 with line breaks is accepted; invalid base64 is refused", () => {
    expect(valueToSend("AAEC\n/w==\n", "base64")).toEqual({
      value: "AAEC/w==",
      valueEncoding: "base64",
    });
    expect(valueToSend("not base64!", "base64")).toHaveProperty("error");
  });

  it("text with a lone surrogate is refused instead of being stored as U+FFFD", () => {
    expect(valueToSend("a\ud800b", "text")).toHaveProperty("error");
    expect(valueToSend("a\ud83d\ude42b", "text")).toEqual({
      value: "a\ud83d\ude42b",
      valueEncoding: "utf8",
    });
  });

  it("detectFormat calls non-text UTF-8 values binary", () => {
    expect(detectFormat("/k", "k8s\0\n\u0002v1", "utf8")).toBe("binary");
    expect(detectFormat("/k", "a\u0001b", "utf8")).toBe("binary");
    expect(detectFormat("/k", "line1\r\nline2\r\n", "utf8")).toBe("text");
  });

  it("detectFormat sniffs YAML only in values up to YAML_SNIFF_MAX_CHARS (parsing is slow)", () => {
    const yaml = "a: 1\nb: two\n";
    expect(detectFormat("/k", yaml, "utf8")).toBe("yaml");
    const big = yaml.repeat(Math.ceil(YAML_SNIFF_MAX_CHARS / yaml.length) + 1);
    expect(detectFormat("/k", big, "utf8")).toBe("text");
    expect(detectFormat("/k.yaml", big, "utf8"), "the key's suffix still decides").toBe("yaml");
  });

  it("a binary value's base64 from the API is kept as the editor's text", () => {
    expect(editForm("//79", "base64")).toEqual({
      mode: "base64",
      text: "//79",
      reason: "invalid-utf8",
    });
  });
});

describe("the editor's document (CodeMirror with exactLineEndings)", () => {
  const make = (doc: string) => EditorState.create({ doc, extensions: [exactLineEndings] });

  it.each(TEXTS)("round-trips %j exactly, and a typed character changes only itself", (t) => {
    const state = make(t);
    expect(state.doc.toString()).toBe(t);
    const typed = state.update({ changes: { from: state.doc.length, insert: "X" } }).state;
    expect(typed.doc.toString()).toBe(`${t}X`);
    const atStart = state.update({ changes: { from: 0, insert: "X" } }).state;
    expect(atStart.doc.toString()).toBe(`X${t}`);
  });

  it("a whole-document replace (how the React wrapper syncs `value`) keeps CRs", () => {
    const state = make("");
    const next = state.update({ changes: { from: 0, insert: "a\r\nb\rc" } }).state;
    expect(next.doc.toString()).toBe("a\r\nb\rc");
  });

  it("without it CodeMirror would rewrite CRs (why the extension exists)", () => {
    expect(EditorState.create({ doc: "a\r\nb" }).doc.toString()).toBe("a\nb");
  });
});
