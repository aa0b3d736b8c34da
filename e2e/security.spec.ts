import { expect, openKey, putKey, test } from "./fixtures";

test("a key named like HTML renders as text and runs nothing", async ({ page, prefix }) => {
  const name = "<img src=x onerror=alert(1)>";
  await putKey(`${prefix}${name}`, "<script>alert(2)</script><b>bold?</b>");
  await page.goto("/");
  await page.getByRole("treeitem", { name: prefix.slice(1, -1), exact: true }).click();
  const row = page.getByRole("treeitem", { name, exact: true });
  await expect(row, "the tree shows the key's name literally").toBeVisible();
  await row.click();
  await expect(
    page.getByRole("heading", { name: `${prefix}${name}` }),
    "the heading shows the name as text",
  ).toBeVisible();
  await expect(
    page.getByLabel("Value", { exact: true }),
    "the value shows as literal text",
  ).toHaveText("<script>alert(2)</script><b>bold?</b>");
  await expect(
    page.locator('img[src="x"]'),
    "no <img> element was created from the key",
  ).toHaveCount(0);
  await expect(page.locator("main b"), "no <b> element was created from the value").toHaveCount(0);
  await openKey(page, `${prefix}${name}`);
  await expect(
    page.getByLabel("Value", { exact: true }),
    "a deep link to it works too",
  ).toContainText("<script>");
  // The failOnConsoleErrors fixture fails the test if any alert() dialog opened.
});
