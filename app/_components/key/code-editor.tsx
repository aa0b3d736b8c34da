"use client";

import dynamic from "next/dynamic";
import type { CodeEditorProps } from "./code-editor-impl";

const Impl = dynamic(() => import("./code-editor-impl").then((m) => m.CodeEditorImpl), {
  ssr: false,
  loading: () => <div className="h-full animate-pulse bg-slate-50" />,
});

/**
 * The value editor (CodeMirror via @uiw/react-codemirror), loaded only in the browser.
 * See {@link CodeEditorProps}.
 */
export function CodeEditor(props: CodeEditorProps) {
  return <Impl {...props} />;
}
