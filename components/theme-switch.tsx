"use client";

import { Monitor, Moon, Sun, type LucideIcon } from "lucide-react";
import { THEME_CHOICES, type ThemeChoice } from "@/lib/theme-choice";
import { useTheme } from "./theme";

const OPTIONS: Record<ThemeChoice, { label: string; Icon: LucideIcon }> = {
  system: { label: "System theme", Icon: Monitor },
  light: { label: "Light theme", Icon: Sun },
  dark: { label: "Dark theme", Icon: Moon },
};

/**
 * Three icon buttons in the top bar: follow the system, light, dark (`aria-pressed` marks the
 * current one). The pick is remembered across visits (see {@link useTheme}).
 */
export function ThemeSwitch() {
  const { choice, setChoice } = useTheme();
  return (
    <div
      role="group"
      aria-label="Colour theme"
      className="flex items-center rounded bg-slate-800 p-0.5"
    >
      {THEME_CHOICES.map((c) => {
        const { label, Icon } = OPTIONS[c];
        return (
          <button
            key={c}
            type="button"
            aria-label={label}
            title={label}
            aria-pressed={choice === c}
            onClick={() => setChoice(c)}
            className={`rounded p-1 ${choice === c ? "bg-slate-600 text-white" : "text-slate-300 hover:text-white"}`}
          >
            <Icon aria-hidden size={14} />
          </button>
        );
      })}
    </div>
  );
}
