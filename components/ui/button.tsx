import type { ButtonHTMLAttributes } from "react";

/** Visual weight of a {@link Button}. */
export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";

// Filled buttons use the 700 step: white on sky-600 is 4.0:1, under WCAG AA's 4.5:1.
const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-sky-700 text-white hover:bg-sky-800 disabled:bg-sky-300",
  secondary:
    "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 disabled:text-slate-400",
  danger: "bg-rose-700 text-white hover:bg-rose-800 disabled:bg-rose-300",
  ghost: "text-slate-700 hover:bg-slate-100 disabled:text-slate-400",
};

/**
 * A button with the app's styling.
 * @prop variant  visual weight (default `secondary`)
 * @prop size     `sm` for toolbars, `md` (default) for dialogs
 * All other props are passed to the native `<button>` (type defaults to "button").
 */
export function Button({
  variant = "secondary",
  size = "md",
  className = "",
  type = "button",
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: "sm" | "md" }) {
  const pad = size === "sm" ? "px-2 py-1 text-xs" : "px-3 py-1.5 text-sm";
  return (
    <button
      type={type}
      className={`inline-flex items-center gap-1 rounded-md font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:cursor-not-allowed ${pad} ${VARIANTS[variant]} ${className}`}
      {...rest}
    />
  );
}
