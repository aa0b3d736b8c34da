import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/**
 * Class names joined (clsx: strings, arrays, `{name: condition}` objects; falsy parts dropped)
 * with Tailwind conflicts resolved in favour of the later class (tailwind-merge), so a
 * component's `className` prop can override its defaults: `cn("px-2 py-1", "py-0.5")` →
 * `"px-2 py-0.5"`.
 */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
