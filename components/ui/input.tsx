import type { ComponentProps } from "react";
import { cn } from "./cn";

/** A form field in a dialog or a page: monospace small text, a sky border while focused. */
const FIELD =
  "rounded-md border border-slate-300 px-2 py-1 font-mono text-sm focus:border-sky-500 focus:outline-none";
/** A field in a toolbar (the event log, the editor's format picker): short, in the bar's font. */
const COMPACT = "rounded border border-slate-300 px-2 py-0.5";

/** What the app's form controls take besides their native props. */
type FieldProps = {
  /** The toolbar look instead of the form-field look (default false). */
  compact?: boolean;
};

/**
 * A text input with the app's field styling. `className` adds to it and wins over a default
 * it conflicts with (e.g. `focus:border-rose-500` for a destructive confirmation); all other
 * props (ref included) go to the native `<input>`.
 */
export function Input({
  compact = false,
  className,
  ...rest
}: ComponentProps<"input"> & FieldProps) {
  return <input className={cn(compact ? COMPACT : FIELD, className)} {...rest} />;
}

/** A `<textarea>` styled as {@link Input}; props as Input's. */
export function Textarea({
  compact = false,
  className,
  ...rest
}: ComponentProps<"textarea"> & FieldProps) {
  return <textarea className={cn(compact ? COMPACT : FIELD, className)} {...rest} />;
}

/**
 * A `<select>` styled as {@link Input} (compact: narrower side padding, room for the arrow);
 * props as Input's, options as children.
 */
export function Select({
  compact = false,
  className,
  ...rest
}: ComponentProps<"select"> & FieldProps) {
  return <select className={cn(compact ? `${COMPACT} px-1` : FIELD, className)} {...rest} />;
}
