import type { Page } from "@playwright/test";
import { expect, openKey, putKey, test } from "./fixtures";

/**
 * Wait until the page is hydrated: the explorer is server-rendered, and keys pressed before
 * React attaches its listeners do nothing. The watch stream connects only in the browser.
 */
async function hydrated(page: Page) {
  await expect(page.getByLabel("Stream state"), "the page is live").toHaveText("Connected");
}

test("? opens the shortcuts dialog; Escape closes it", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog, "? opens the help").toBeVisible();
  for (const label of ["/", "Alt+N", "Alt+E", "Ctrl+S / ⌘S", "Alt+L", "?", "Home / End"]) {
    await expect(dialog.getByText(label, { exact: true }), `the help lists ${label}`).toBeVisible();
  }
  await page.keyboard.press("Escape");
  await expect(dialog, "Escape closes it").toBeHidden();
  await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
  await expect(dialog, "the ? button opens it too").toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
});

test("shortcuts: / jumps, Alt+N creates, Alt+L toggles the log; none fire while typing", async ({
  page,
  prefix,
}) => {
  await putKey(`${prefix}s/one`, "1");
  await openKey(page, `${prefix}s/one`);
  await expect(page.getByRole("heading", { name: `${prefix}s/one` })).toBeVisible();
  await hydrated(page);

  const jump = page.getByRole("combobox", { name: "Jump to key" });
  await page.keyboard.press("/");
  await expect(jump, "/ focuses Jump to key").toBeFocused();
  await page.keyboard.type("?/x");
  await expect(jump, "typed into the box, not taken as shortcuts").toHaveValue("?/x");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await page.keyboard.press("Alt+l");
  await expect(
    page.getByRole("button", { name: "Show event log" }),
    "Alt+L does nothing while typing in a field",
  ).toBeVisible();
  await jump.blur();

  await page.keyboard.press("Alt+l");
  await expect(
    page.getByRole("button", { name: "Hide event log" }),
    "Alt+L opens it",
  ).toBeVisible();
  await page.keyboard.press("Alt+l");
  await expect(page.getByRole("button", { name: "Show event log" }), "and closes it").toBeVisible();

  await page.keyboard.press("Alt+n");
  const create = page.getByRole("dialog", { name: "Create key" });
  await expect(create, "Alt+N opens the create dialog").toBeVisible();
  await expect(
    create.getByRole("textbox", { name: "Key", exact: true }),
    "the new key starts in the open key's folder",
  ).toHaveValue(`${prefix}s/`);
  await page.keyboard.press("Escape");
  await expect(create).toBeHidden();
});
