import type { Page } from "@playwright/test";
import { api, expect, openKey, putKey, test } from "./fixtures";

/** The tree row named `name` (exact). */
const item = (page: Page, name: string) => page.getByRole("treeitem", { name, exact: true });

test("browse a folder and open a JSON value, pretty-printed", async ({ page, prefix }) => {
  await putKey(`${prefix}config/app.json`, '{"name":"demo","replicas":3}');
  await putKey(`${prefix}config/plain`, "hello");
  await page.goto("/");
  await item(page, prefix.slice(1, -1)).click();
  await expect(item(page, "config"), "the test folder opens and shows config/").toBeVisible();
  await item(page, "config").click();
  await item(page, "app.json").click();
  await expect(
    page.getByRole("heading", { name: `${prefix}config/app.json` }),
    "the key's name heads the pane",
  ).toBeVisible();
  await expect(
    page.getByLabel("Value", { exact: true }),
    "the JSON value is pretty-printed",
  ).toHaveText('{\n  "name": "demo",\n  "replicas": 3\n}');
  await expect(page.getByLabel("Detected format"), "the value is recognised as JSON").toHaveText(
    "JSON",
  );
  await expect(
    page.getByLabel("version", { exact: true }),
    "metadata shows the key's version",
  ).toHaveText("1");
  await expect(
    page.getByLabel("lease", { exact: true }),
    "a key without a lease says so",
  ).toHaveText("none");
  await expect(page, "the URL names the selected key").toHaveURL(/key=%2Fe2e-/);
});

test("a binary value shows a hex view", async ({ page, prefix }) => {
  // 00 01 02 ff fe "BIN" 80 — not valid UTF-8.
  await putKey(
    `${prefix}blob`,
    Buffer.from([0, 1, 2, 0xff, 0xfe, 0x42, 0x49, 0x4e, 0x80]).toString("base64"),
    "base64",
  );
  await openKey(page, `${prefix}blob`);
  await expect(page.getByLabel("Detected format"), "the value is recognised as binary").toHaveText(
    "Binary",
  );
  await expect(page.getByLabel("Value (hex)"), "the bytes appear as a hex dump").toContainText(
    "00000000  00 01 02 ff fe 42 49 4e  80",
  );
  await expect(
    page.getByLabel("Value (hex)"),
    "printable bytes appear in the ASCII column",
  ).toContainText("|.....BIN.|");
});

test("a deep link ?key= opens the key and the folders above it", async ({ page, prefix }) => {
  await putKey(`${prefix}a/b/c.txt`, "deep value");
  await openKey(page, `${prefix}a/b/c.txt`);
  await expect(
    page.getByLabel("Value", { exact: true }),
    "the linked key's value shows",
  ).toHaveText("deep value");
  for (const name of [prefix.slice(1, -1), "a", "b"]) {
    await expect(item(page, name), `folder ${name} is open in the tree`).toHaveAttribute(
      "aria-expanded",
      "true",
    );
  }
  await expect(item(page, "c.txt"), "the linked key is selected in the tree").toHaveAttribute(
    "aria-selected",
    "true",
  );
  await page.reload();
  await expect(page.getByLabel("Value", { exact: true }), "a reload opens the same key").toHaveText(
    "deep value",
  );
});

test("jump-to-key opens a key by name", async ({ page, prefix }) => {
  await putKey(`${prefix}jump/target`, "found me");
  await page.goto("/");
  await page.getByRole("combobox", { name: "Jump to key" }).fill(`${prefix}jump/target`);
  await page.getByRole("combobox", { name: "Jump to key" }).press("Enter");
  await expect(page.getByLabel("Value", { exact: true }), "the typed key opens").toHaveText(
    "found me",
  );
  await expect(page, "the URL reflects the jumped-to key").toHaveURL(/key=%2Fe2e-.*jump%2Ftarget/);
  await expect(item(page, "target"), "its folder opens in the tree").toHaveAttribute(
    "aria-selected",
    "true",
  );
});

test("a missing key shows a clear not-found state", async ({ page, prefix }) => {
  await openKey(page, `${prefix}nope`);
  await expect(
    page.getByText("Key not found"),
    "the pane says the key does not exist",
  ).toBeVisible();
  const res = await api(`/kv?key=${encodeURIComponent(`${prefix}nope`)}`);
  expect(res.status, "the API agrees the key is missing").toBe(404);
});

test("a long folder pages in and stays virtualized", async ({ page, prefix }) => {
  const keys = Array.from(
    { length: 450 },
    (_, i) => `${prefix}many/k${String(i).padStart(4, "0")}`,
  );
  for (let i = 0; i < keys.length; i += 50) {
    await Promise.all(keys.slice(i, i + 50).map((k) => putKey(k, "v")));
  }
  await page.goto(`/?prefix=${encodeURIComponent(`${prefix}many/`)}`);
  await expect(item(page, "k0000"), "the first child is listed").toBeVisible();
  const rendered = await page.getByRole("treeitem", { name: /^k\d{4}$/ }).count();
  expect(rendered, "only the rows in view are rendered (virtualized)").toBeLessThan(100);
  const box = page.getByTestId("virtual-folder");
  for (let i = 0; i < 20; i++) {
    await box.evaluate((el) => (el.scrollTop = el.scrollHeight));
    if (await item(page, "k0449").isVisible()) break;
    await page.waitForTimeout(200);
  }
  await expect(item(page, "k0449"), "scrolling to the end loads the last page").toBeVisible();
});
