/**
 * The colour theme the user picked in the header: follow the system's `prefers-color-scheme`,
 * or always light, or always dark.
 */
export type ThemeChoice = "system" | "light" | "dark";

/** Every choice, in the order the header's switch offers them. */
export const THEME_CHOICES: readonly ThemeChoice[] = ["system", "light", "dark"];

/**
 * Cookie remembering the choice (one year, this site only). A cookie rather than localStorage:
 * the layout reads it on the server and renders `<html data-theme>` with the first byte, so a
 * dark page never flashes light and no inline script is needed under the CSP.
 */
export const THEME_COOKIE = "etcd-explorer-theme";

/** The remembered choice from the cookie's value; anything else (or none) means "system". */
export function parseThemeChoice(value: string | undefined): ThemeChoice {
  return value === "light" || value === "dark" ? value : "system";
}

/**
 * The `data-theme` attribute for <html>: the forced theme, or undefined to follow the system
 * (see app/dark-palette.css).
 */
export function themeAttribute(choice: ThemeChoice): "light" | "dark" | undefined {
  return choice === "system" ? undefined : choice;
}
