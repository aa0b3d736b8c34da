import type { Page } from "@playwright/test";
import { expect, putKey, test } from "./fixtures";

/**
 * Tabs through the page `presses` times; for every element that takes focus, whether it shows
 * it: an outline or a ring (box-shadow), or for a text field a border that changes colour on
 * focus; for a widget with aria-activedescendant, on the row it points at. Returns the ones that
 * don't, as "tag name".
 */
async function focusWithoutIndicator(page: Page, presses: number): Promise<string[]> {
  const missing: string[] = [];
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press("Tab");
    const problem = await page.evaluate(() => {
      const focused = document.activeElement as HTMLElement | null;
      if (!focused || focused === document.body) return null;
      // A composite widget (the key tree) keeps focus on its container and shows it on the
      // row it points at with aria-activedescendant (WAI-ARIA): check that row.
      const activeId = focused.getAttribute("aria-activedescendant");
      const el = (activeId && document.getElementById(activeId)) || focused;
      const name = `${el.tagName.toLowerCase()} ${el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 30) ?? ""}`;
      const style = getComputedStyle(el);
      if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) return null;
      if (style.boxShadow !== "none") return null;
      if (el.matches("input, textarea, select")) {
        const focused = style.borderColor;
        el.blur();
        const blurred = getComputedStyle(el).borderColor;
        el.focus();
        if (focused !== blurred) return null;
      }
      return name;
    });
    if (problem && !missing.includes(problem)) missing.push(problem);
  }
  return missing;
}

for (const scheme of ["light", "dark"] as const) {
  test(`every control the keyboard reaches shows focus (${scheme})`, async ({ page, prefix }) => {
    await putKey(`${prefix}a`, "1");
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`/?key=${encodeURIComponent(`${prefix}a`)}`);
    await expect(page.getByRole("button", { name: "Edit" })).toBeVisible();
    expect(await focusWithoutIndicator(page, 30), "keys page").toEqual([]);
    await page.goto("/leases");
    await expect(page.getByRole("button", { name: "Grant lease" })).toBeVisible();
    expect(await focusWithoutIndicator(page, 15), "leases page").toEqual([]);
  });
}
