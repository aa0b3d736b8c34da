import fs from "node:fs";
import type { Page } from "@playwright/test";
import { api, expect, putKey, test } from "./fixtures";

const item = (page: Page, name: string) => page.getByRole("treeitem", { name, exact: true });

test("multi-select three keys, move them to another folder, see them move live", async ({
  page,
  prefix,
}) => {
  for (const k of ["alpha", "beta", "gamma", "delta"]) await putKey(`${prefix}src/${k}`, `v-${k}`);
  await putKey(`${prefix}dst/existing`, "x");
  await page.goto(`/?prefix=${encodeURIComponent(`${prefix}src/`)}`);
  await item(page, "dst").click(); // open the destination folder too, to watch it fill
  await expect(item(page, "existing")).toBeVisible();

  const tree = page.getByRole("tree", { name: "Keys" });
  await expect(tree).toHaveAttribute("aria-multiselectable", "true");
  await item(page, "alpha").click();
  await item(page, "beta").click({ modifiers: ["ControlOrMeta"] });
  await item(page, "delta").click({ modifiers: ["ControlOrMeta"] });
  for (const k of ["alpha", "beta", "delta"]) {
    await expect(item(page, k), `${k} is selected`).toHaveAttribute("aria-selected", "true");
  }
  await expect(item(page, "gamma")).toHaveAttribute("aria-selected", "false");
  const bar = page.getByRole("toolbar", { name: "Selection" });
  await expect(bar).toContainText("3 selected");

  await bar.getByRole("button", { name: "Move to…" }).click();
  const dialog = page.getByRole("dialog", { name: "Move selection" });
  await dialog.getByRole("textbox", { name: "Destination folder" }).fill(`${prefix}dst/`);
  await dialog.getByRole("button", { name: "Preview" }).click();
  await expect(
    dialog.getByRole("status"),
    "the plan is listed before anything happens",
  ).toContainText("3 keys: 3 create");
  await expect(dialog.getByRole("table", { name: "Plan" }).getByRole("row")).toHaveCount(4);
  expect((await api(`/kv?key=${encodeURIComponent(`${prefix}dst/alpha`)}`)).status).toBe(404);
  await dialog.getByRole("button", { name: "Move 3 keys" }).click();
  await expect(dialog.getByRole("status")).toContainText("Moved: 3 created");
  await expect(dialog).toContainText("atomic");
  await dialog.getByRole("button", { name: "Done" }).click();

  // The tree follows from the watch stream (folder listings refetched, throttled): generous bounds.
  const row = (key: string) => page.locator(`[role="treeitem"][title="${key}"]`);
  for (const k of ["alpha", "beta", "delta"]) {
    await expect(row(`${prefix}dst/${k}`), `${k} appears under dst`).toBeVisible({
      timeout: 20_000,
    });
    await expect(row(`${prefix}src/${k}`), `${k} leaves src`).toHaveCount(0, { timeout: 20_000 });
  }
  await expect(row(`${prefix}src/gamma`)).toBeVisible();
  await expect(bar).toBeHidden();
  const moved = await api(`/kv?key=${encodeURIComponent(`${prefix}dst/beta`)}`);
  expect(moved.body.kv?.value).toBe("v-beta");
  expect((await api(`/kv?key=${encodeURIComponent(`${prefix}src/beta`)}`)).status).toBe(404);
});

test("keyboard multi-select (Shift+Down, Space), then export the selection", async ({
  page,
  prefix,
}) => {
  for (const k of ["k1", "k2", "k3", "k4"]) await putKey(`${prefix}kb/${k}`, `value ${k}`);
  await page.goto(`/?prefix=${encodeURIComponent(`${prefix}kb/`)}`);
  await item(page, "k1").click();
  const tree = page.getByRole("tree", { name: "Keys" });
  await tree.focus();
  await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Space");
  const bar = page.getByRole("toolbar", { name: "Selection" });
  await expect(bar).toContainText("4 selected");
  await page.keyboard.press("Space"); // toggles k4 off again
  await expect(bar).toContainText("3 selected");
  await expect(item(page, "k4")).toHaveAttribute("aria-selected", "false");

  await bar.getByRole("button", { name: "Export" }).click();
  const dialog = page.getByRole("dialog", { name: "Export selection" });
  const download = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Download export" }).click();
  const file = await (await download).path();
  const lines = fs
    .readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(lines[0]).toMatchObject({ format: "etcd-explorer/v1", prefix: `${prefix}kb/` });
  expect(lines.slice(1).map((l) => l.key)).toEqual(
    ["k1", "k2", "k3"].map((k) => `${prefix}kb/${k}`),
  );
  await expect(dialog.getByRole("status")).toContainText("Saved 3 keys");
  await page.keyboard.press("Escape");
  await tree.focus();
  await page.keyboard.press("Escape");
  await expect(bar, "Escape clears the selection").toBeHidden();
});

test("import: the dry-run plan table, then apply", async ({ page, prefix }) => {
  await putKey(`${prefix}imp/a`, "old");
  await page.goto("/bulk");
  const file = JSON.stringify({ [`${prefix}imp/a`]: "new", [`${prefix}imp/b`]: "2" });
  await page.getByLabel("File").setInputFiles({
    name: "keys.json",
    mimeType: "application/json",
    buffer: Buffer.from(file),
  });
  await page.getByRole("button", { name: "Plan (dry run)" }).click();
  const plan = page.getByRole("table", { name: "Import plan" });
  await expect(plan.getByRole("row", { name: `${prefix}imp/a exists: skipped` })).toBeVisible();
  await expect(plan.getByRole("row", { name: `${prefix}imp/b create` })).toBeVisible();
  expect((await api(`/kv?key=${encodeURIComponent(`${prefix}imp/b`)}`)).status).toBe(404);
  await page.getByRole("button", { name: "Apply plan" }).click();
  const result = page.getByRole("table", { name: "Import result" });
  await expect(result.getByRole("row", { name: `${prefix}imp/b created` })).toBeVisible();
  expect((await api(`/kv?key=${encodeURIComponent(`${prefix}imp/b`)}`)).body.kv?.value).toBe("2");
  expect((await api(`/kv?key=${encodeURIComponent(`${prefix}imp/a`)}`)).body.kv?.value).toBe("old");
});

test("compare two prefixes, see the diff, copy selected left → right", async ({ page, prefix }) => {
  await putKey(`${prefix}l/a`, "1");
  await putKey(`${prefix}r/a`, "1");
  await putKey(`${prefix}l/b`, "two");
  await putKey(`${prefix}r/b`, "three");
  await putKey(`${prefix}l/c`, "4");
  await page.goto("/compare");
  await page.getByRole("textbox", { name: "Left prefix" }).fill(`${prefix}l/`);
  await page.getByRole("textbox", { name: "Right prefix" }).fill(`${prefix}r/`);
  await page.getByRole("button", { name: "Compare" }).click();
  const table = page.getByRole("table", { name: "Differences" });
  await expect(table.getByRole("row", { name: "b different" })).toBeVisible();
  await expect(table.getByRole("row", { name: "c only left" })).toBeVisible();
  await table.getByRole("button", { name: "b" }).click();
  const diff = page.getByRole("region", { name: "Diff of b" });
  await expect(diff).toContainText("- two");
  await expect(diff).toContainText("+ three");
  await page.getByRole("checkbox", { name: "select b" }).check();
  await page.getByRole("checkbox", { name: "select c" }).check();
  await page.getByRole("button", { name: "Copy selected left → right (2)" }).click();
  await expect(page.getByText("Copied: 1 updated, 1 created")).toBeVisible();
  await expect(page.getByText("0 different, 0 only left, 0 only right, 3 same")).toBeVisible();
  expect((await api(`/kv?key=${encodeURIComponent(`${prefix}r/b`)}`)).body.kv?.value).toBe("two");
});
