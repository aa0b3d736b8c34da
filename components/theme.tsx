"use client";

import { createContext, useCallback, useContext, useState, useSyncExternalStore } from "react";
import type { ReactNode } from "react";
import { THEME_COOKIE, themeAttribute, type ThemeChoice } from "@/lib/theme-choice";

/** What {@link useTheme} returns. */
export type Theme = {
  /** The user's pick: system, light or dark. */
  choice: ThemeChoice;
  /** Change the pick: applied to <html> at once and remembered in a cookie for a year. */
  setChoice: (choice: ThemeChoice) => void;
  /** Whether the page is dark now (the pick, or the system's preference under "system"). */
  dark: boolean;
};

const ThemeContext = createContext<Theme | null>(null);

const DARK_QUERY = "(prefers-color-scheme: dark)";

/** Subscribes to changes of the system's colour scheme. */
function subscribeToSystem(onChange: () => void): () => void {
  const media = window.matchMedia(DARK_QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

/** Whether the system prefers dark; false on the server (only client-only parts ask). */
function useSystemDark(): boolean {
  return useSyncExternalStore(
    subscribeToSystem,
    () => window.matchMedia(DARK_QUERY).matches,
    () => false,
  );
}

/**
 * Holds the colour theme for the app. The server already rendered `<html data-theme>` from the
 * cookie; this keeps the attribute and the cookie in step with later picks.
 * @prop initial  the choice the layout read from the {@link THEME_COOKIE} cookie
 */
export function ThemeProvider({
  initial,
  children,
}: {
  initial: ThemeChoice;
  children: ReactNode;
}) {
  const [choice, setState] = useState(initial);
  const systemDark = useSystemDark();
  const setChoice = useCallback((next: ThemeChoice) => {
    setState(next);
    const attribute = themeAttribute(next);
    if (attribute) document.documentElement.dataset.theme = attribute;
    else delete document.documentElement.dataset.theme;
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
  }, []);
  const dark = choice === "dark" || (choice === "system" && systemDark);
  return <ThemeContext value={{ choice, setChoice, dark }}>{children}</ThemeContext>;
}

/** The current colour theme (see {@link Theme}); must be inside {@link ThemeProvider}. */
export function useTheme(): Theme {
  const theme = useContext(ThemeContext);
  if (!theme) throw new Error("useTheme needs a ThemeProvider above it");
  return theme;
}
