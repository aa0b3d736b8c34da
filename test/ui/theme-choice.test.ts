import { describe, expect, it } from "vitest";
import { parseThemeChoice, themeAttribute } from "@/lib/theme-choice";

describe("the remembered colour theme", () => {
  it("reads light and dark from the cookie, anything else as following the system", () => {
    expect(parseThemeChoice("light")).toBe("light");
    expect(parseThemeChoice("dark")).toBe("dark");
    expect(parseThemeChoice("system")).toBe("system");
    expect(parseThemeChoice(undefined)).toBe("system");
    expect(parseThemeChoice("Dark")).toBe("system");
    expect(parseThemeChoice('dark" onload="x')).toBe("system");
  });

  it("forces <html data-theme> only for a light or dark pick", () => {
    expect(themeAttribute("light")).toBe("light");
    expect(themeAttribute("dark")).toBe("dark");
    expect(themeAttribute("system")).toBeUndefined();
  });
});
