import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { Etcd3 } from "etcd3";
import { ETCD_ENDPOINTS, expect, test } from "./fixtures";

// One 20,000-key keyspace for the whole file, written once: the tests run in order on one worker.
test.describe.configure({ mode: "serial" });

const P = `/e2e-search-${Date.now().toString(36)}/`;
/** 10,000 children in one folder: `big/k00000` … `big/k09999`. */
const BIG = 10_000;
/** 100 folders of 100 keys: `other/g00/item000` … `other/g99/item099`. */
const GROUPS = 100;

let etcd: Etcd3;

/** Every seeded key with its value; `other/` values are 100 bytes, `big/` ones a few. */
function* seedKeys(): Generator<[string, string]> {
  for (let i = 0; i < BIG; i++) yield [`${P}big/k${String(i).padStart(5, "0")}`, `v${i}`];
  for (let g = 0; g < GROUPS; g++) {
    for (let i = 0; i < 100; i++) {
      const key = `${P}other/g${String(g).padStart(2, "0")}/item${String(i).padStart(3, "0")}`;
      yield [key, "x".repeat(100)];
    }
  }
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  etcd = new Etcd3({ hosts: ETCD_ENDPOINTS.split(",") });
  // Raw txns of 128 puts (etcd's default --max-txn-ops), 8 in flight.
  const keys = seedKeys();
  const worker = async () => {
    for (;;) {
      const ops = [];
      for (let n = 0; n < 128; n++) {
        const next = keys.next();
        if (next.done) break;
        const [key, value] = next.value;
        ops.push({ request_put: { key: Buffer.from(key), value: Buffer.from(value) } });
      }
      if (ops.length === 0) return;
      await etcd.kv.txn({ compare: [], success: ops, failure: [] });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
});

test.afterAll(async () => {
  await etcd.delete().prefix(P);
  etcd.close();
});

const tree = (page: Page) => page.getByRole("tree", { name: "Keys" });
const row = (page: Page, name: string) => page.getByRole("treeitem", { name, exact: true });

/** The row is the selected one, in view, and the tree's active row. */
async function expectRevealed(page: Page, name: string) {
  const r = row(page, name);
  await expect(r, `${name} is selected in the tree`).toHaveAttribute("aria-selected", "true", {
    timeout: 20_000,
  });
  await expect(r, `${name}'s row is scrolled into view`).toBeInViewport();
  const id = await r.getAttribute("id");
  await expect(tree(page), `${name} is the tree's active row`).toHaveAttribute(
    "aria-activedescendant",
    id ?? "",
  );
}

test("search streams matches with progress; a result in a 10k-child folder is revealed", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page.getByLabel("Stream state"), "the page is live").toHaveText("Connected");
  await page.keyboard.press("Control+k");
  const search = page.getByRole("region", { name: "Search" });
  await expect(search.getByLabel("Search for"), "Ctrl+K focuses the search box").toBeFocused();
  await search.getByLabel("Search under prefix").fill(P);
  await search.getByLabel("Search for").fill("K0777");
  await search.getByLabel("Search for").press("Enter");

  const bar = search.getByRole("progressbar", { name: "Search progress" });
  await expect(bar, "a progress bar shows while searching").toBeVisible();
  await expect(
    search.getByText(/^Scanned 20,000 of 20,000 keys · revision \d+$/),
    "the bar counts every key under the prefix against its total",
  ).toBeVisible();
  await expect(bar, "the bar ends full").toHaveAttribute("aria-valuenow", "20000");
  await expect(
    search.getByRole("status"),
    "ten keys match, case-insensitively, at one revision",
  ).toHaveText(/^10 matches at revision \d+$/);
  await expect(
    search.getByText(`${P}big/· 10`),
    "the results are grouped under their folder",
  ).toBeVisible();

  // Far down a 10,000-child folder: the tree pages to it, selects it and shows it.
  await search.getByRole("button", { name: `Open ${P}big/k07775` }).click();
  await expect(page).toHaveURL(new RegExp(`key=${encodeURIComponent(`${P}big/k07775`)}`));
  await expectRevealed(page, "k07775");

  // Export: one NDJSON line per match.
  const download = page.waitForEvent("download");
  await search.getByRole("button", { name: "Export NDJSON" }).click();
  const file = await (await download).createReadStream();
  let text = "";
  for await (const chunk of file) text += chunk;
  const lines = text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(
    lines.map((l) => l.key),
    "the export holds every match",
  ).toEqual(Array.from({ length: 10 }, (_, i) => `${P}big/k0777${i}`));

  // The search panel and the jump box (the tree with a 10k-row virtualized folder open has
  // findings of its own, from before this feature: see the report).
  const { violations } = await new AxeBuilder({ page })
    .include('section[aria-label="Search"]')
    .include('form[aria-label="Jump to key"]')
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  expect(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join("; ")}`),
    "axe finds no WCAG A/AA violations in the search panel with results",
  ).toEqual([]);
});

test.describe("a refused search", () => {
  // The 400 for the pattern shows in the console as a failed resource load: expected here.
  test.use({ expectedConsoleErrors: /status of 400/ });
  test("an invalid regex says what is wrong", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByLabel("Stream state"), "the page is live").toHaveText("Connected");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const search = page.getByRole("region", { name: "Search" });
    await search.getByLabel("Match mode").selectOption("regex");
    await search.getByLabel("Search for").fill("(unclosed");
    await search.getByRole("button", { name: "Search", exact: true }).click();
    await expect(search.getByRole("status"), "the pattern error is shown").toHaveText(
      /^Search failed: /,
    );
  });
});

test("jump-to-key suggests existing keys as you type and reveals the chosen one", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page.getByLabel("Stream state"), "the page is live").toHaveText("Connected");
  const box = page.getByRole("combobox", { name: "Jump to key" });
  await box.fill(`${P}oth`);
  const list = page.getByRole("listbox", { name: "Existing keys" });
  await expect(
    list.getByRole("option", { name: `${P}other/` }),
    "a folder under what was typed is suggested",
  ).toBeVisible();
  await box.fill(`${P}big/k0999`);
  await expect(
    list.getByRole("option"),
    "the first 8 of the 10 keys starting so are offered",
  ).toHaveCount(8);
  await expect(list.getByRole("option").first()).toHaveText(`${P}big/k09990`);
  await box.press("ArrowDown");
  await box.press("ArrowDown");
  await expect(box, "the highlighted option is the box's active descendant").toHaveAttribute(
    "aria-activedescendant",
    /.+/,
  );
  await box.press("Enter");
  await expect(page).toHaveURL(new RegExp(`key=${encodeURIComponent(`${P}big/k09991`)}`));
  await expectRevealed(page, "k09991");
});

test("Analyze space draws a treemap that drills into a folder; the tree shows counts", async ({
  page,
}) => {
  await page.goto(`/?prefix=${encodeURIComponent(P)}`);
  await expect(page.getByLabel("Stream state"), "the page is live").toHaveText("Connected");
  await page.getByRole("button", { name: "Analyze space" }).click();
  const dialog = page.getByRole("dialog", { name: "Analyze space" });
  await expect(dialog.getByRole("status"), "the whole prefix is counted").toHaveText(
    /^20,000 keys · .* at revision \d+$/,
  );
  const map = dialog.getByTestId("space-treemap");
  // other/ holds 10,000 keys of 100-byte values: by far the biggest cell.
  const other = map.locator('[data-cell="other/"]');
  await expect(other, "the treemap draws a cell for other/").toBeVisible();
  await expect(map.locator('[data-cell="big/"]'), "and one for big/").toBeVisible();
  const [a, b] = await Promise.all([
    other.locator("rect").boundingBox(),
    map.locator('[data-cell="big/"] rect').boundingBox(),
  ]);
  expect((a?.width ?? 0) * (a?.height ?? 0), "cells are sized by bytes").toBeGreaterThan(
    (b?.width ?? 0) * (b?.height ?? 0),
  );

  await other.click();
  await expect(
    dialog.getByRole("navigation", { name: "Analysed folder" }).locator('[aria-current="page"]'),
    "clicking a folder cell drills into it",
  ).toHaveText(`${P}other/`);
  await expect(dialog.getByRole("status")).toHaveText(/^10,000 keys · /);
  await expect(map.locator("[data-cell]"), "one cell per group folder").toHaveCount(GROUPS);
  await expect(
    dialog.getByRole("region", { name: "Largest keys" }).getByRole("button"),
    "the 20 largest keys are listed",
  ).toHaveCount(20);

  await page.keyboard.press("Escape");
  await expect(
    row(page, "other"),
    "the tree shows the key count of a counted folder",
  ).toContainText("10,000");
});
