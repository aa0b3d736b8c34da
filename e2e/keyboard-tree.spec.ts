import type { Page } from "@playwright/test";
import { Etcd3 } from "etcd3";
import { expect, test } from "./fixtures";
import { startOwnGateway, type OwnGateway } from "./own-gateway";

// These tests press End and type-ahead over the whole tree, so they get an etcd and a gateway of
// their own: on the shared one, other specs' folders come and go under "/" meanwhile (End then
// lands on another spec's folder, and past 100 children "/" turns into a virtualized list whose
// rows re-render while keys are pressed).
test.describe.configure({ mode: "default" });

let own: OwnGateway;
// A raw etcd client on that etcd: keys are seeded and the save is checked in etcd itself.
let etcd: Etcd3;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  own = await startOwnGateway("keyboard-tree");
  etcd = new Etcd3({ hosts: own.etcdEndpoint });
});
test.afterAll(async () => {
  etcd?.close();
  await own?.stop();
});
test.afterEach(async ({ page, prefix }) => {
  await page.goto("about:blank");
  await etcd.delete().prefix(prefix);
});

/** Write a UTF-8 key straight into this spec's etcd. */
async function putKey(key: string, value: string) {
  await etcd.put(key).value(value);
}

const tree = (page: Page) => page.getByRole("tree", { name: "Keys" });
const item = (page: Page, name: string) => page.getByRole("treeitem", { name, exact: true });

/** The name of the row the tree's aria-activedescendant points at (null when none). */
function activeRow(page: Page): Promise<string | null> {
  return tree(page).evaluate((t) => {
    const id = t.getAttribute("aria-activedescendant");
    return (id && document.getElementById(id)?.getAttribute("aria-label")) || null;
  });
}

/** Whether the active row is the last row rendered (End's target). */
function activeIsLast(page: Page): Promise<boolean> {
  return tree(page).evaluate((t) => {
    const rows = t.querySelectorAll('[role="treeitem"]');
    return rows.length > 0 && rows[rows.length - 1].id === t.getAttribute("aria-activedescendant");
  });
}

/** Press Tab until the tree has focus, once the page is hydrated (the watch stream is live:
 * keys pressed into the server-rendered page before React listens would do nothing). */
async function tabIntoTree(page: Page) {
  await expect(page.getByLabel("Stream state"), "the page is live").toHaveText("Connected");
  await tabUntilTree(page);
}

/** Press Tab until the tree has focus (it is one Tab stop somewhere after the header). */
async function tabUntilTree(page: Page) {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    if (await tree(page).evaluate((t) => t === document.activeElement)) return;
  }
  throw new Error("Tab never reached the key tree");
}

test("the tree is usable with the keyboard alone: browse, open, edit and save", async ({
  page,
  prefix,
}) => {
  const top = prefix.slice(1, -1);
  await putKey(`${prefix}kb/alpha`, "a");
  await putKey(`${prefix}kb/beta`, "b");
  await putKey(`${prefix}kb/gamma`, "before");
  await putKey(`${prefix}kb/sub/deep`, "d");
  await page.goto(own.url);
  await expect(item(page, top), "the test's folder is listed under the open root").toBeVisible();

  await tabIntoTree(page);
  await expect(tree(page), "Tab lands on the tree itself").toBeFocused();
  await expect
    .poll(() => activeRow(page), { message: "tabbing in makes the first row active" })
    .toBe("/");
  const rowTabStops = await page.locator('[role="treeitem"][tabindex="0"]').count();
  expect(rowTabStops, "rows are not Tab stops of their own").toBe(0);
  await page.keyboard.press("Tab");
  await expect(tree(page), "one Tab leaves the tree (a single Tab stop)").not.toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(tree(page), "Shift+Tab comes back to the tree").toBeFocused();
  await expect.poll(() => activeRow(page), { message: "the active row is remembered" }).toBe("/");

  await page.keyboard.press("End");
  await expect.poll(() => activeIsLast(page), { message: "End goes to the last row" }).toBe(true);
  await page.keyboard.press("Home");
  await expect.poll(() => activeRow(page), { message: "Home goes to the first row" }).toBe("/");

  await page.keyboard.type(top);
  await expect
    .poll(() => activeRow(page), { message: "type-ahead finds the test's folder by name" })
    .toBe(top);
  await expect(item(page, top)).toHaveAttribute("aria-expanded", "false");
  await page.keyboard.press("ArrowRight");
  await expect(item(page, top), "Right opens a closed folder").toHaveAttribute(
    "aria-expanded",
    "true",
  );
  await expect
    .poll(() => activeRow(page), { message: "opening a folder keeps it active" })
    .toBe(top);
  await expect(item(page, "kb")).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await expect
    .poll(() => activeRow(page), { message: "Right on an open folder goes to its first child" })
    .toBe("kb");
  await page.keyboard.press("ArrowRight");
  await expect(item(page, "alpha"), "Right opens kb").toBeVisible();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => activeRow(page)).toBe("alpha");
  await page.keyboard.press("ArrowDown");
  await expect.poll(() => activeRow(page), { message: "Down moves to the next row" }).toBe("beta");
  await page.keyboard.press("ArrowUp");
  await expect
    .poll(() => activeRow(page), { message: "Up moves to the previous row" })
    .toBe("alpha");
  await page.keyboard.press("ArrowLeft");
  await expect
    .poll(() => activeRow(page), { message: "Left on a key goes to its parent folder" })
    .toBe("kb");
  await expect(item(page, "kb"), "going to the parent leaves it open").toHaveAttribute(
    "aria-expanded",
    "true",
  );
  await page.keyboard.press("ArrowLeft");
  await expect(item(page, "kb"), "Left on an open folder closes it").toHaveAttribute(
    "aria-expanded",
    "false",
  );
  await expect(item(page, "alpha")).toBeHidden();
  await page.keyboard.press("ArrowLeft");
  await expect
    .poll(() => activeRow(page), { message: "Left on a closed folder goes up again" })
    .toBe(top);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowRight");
  await expect(item(page, "gamma")).toBeVisible();
  await page.keyboard.press("g");
  await expect.poll(() => activeRow(page), { message: "type-ahead moves to gamma" }).toBe("gamma");
  await expect(item(page, "gamma")).toHaveAttribute("aria-level", "4");
  await expect(item(page, "gamma")).toHaveAttribute("aria-posinset", "3");
  await expect(item(page, "gamma")).toHaveAttribute("aria-setsize", "4");
  await expect(item(page, "sub"), "a folder row says it is closed").toHaveAttribute(
    "aria-expanded",
    "false",
  );

  await page.keyboard.press("Enter");
  await expect(
    page.getByRole("heading", { name: `${prefix}kb/gamma` }),
    "Enter opens the key in the right pane",
  ).toBeVisible();
  await expect(page).toHaveURL(/kb%2Fgamma/);
  await expect(item(page, "gamma")).toHaveAttribute("aria-selected", "true");
  await expect(tree(page), "the tree keeps focus after opening a key").toBeFocused();

  await page.keyboard.press("Alt+e");
  const editor = page.getByRole("textbox", { name: "Value editor" });
  await expect(editor, "Alt+E opens the editor and puts the caret in it").toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("after keyboard");
  // Plain letters typed in the editor are text, not shortcuts or type-ahead.
  await expect(editor).toHaveText("after keyboard");
  await page.keyboard.press("ControlOrMeta+s");
  await expect(editor, "Ctrl+S saves and closes the editor").toBeHidden();
  await expect(page.getByLabel("Value", { exact: true })).toHaveText("after keyboard");
  expect(
    (await etcd.get(`${prefix}kb/gamma`).string()) ?? null,
    "etcd holds the value typed with the keyboard",
  ).toBe("after keyboard");
});

test("a long virtualized folder: arrows page through it and End reaches the last loaded row", async ({
  page,
  prefix,
}) => {
  const keys = Array.from(
    { length: 150 },
    (_, i) => `${prefix}many/k${String(i).padStart(4, "0")}`,
  );
  for (let i = 0; i < keys.length; i += 50) {
    await Promise.all(keys.slice(i, i + 50).map((k) => putKey(k, "v")));
  }
  await page.goto(`${own.url}/?prefix=${encodeURIComponent(`${prefix}many/`)}`);
  await expect(item(page, "k0000")).toBeVisible();
  await expect(page.getByTestId("virtual-folder"), "the folder is virtualized").toBeVisible();
  await tabIntoTree(page);
  await page.keyboard.type("k0000");
  await expect.poll(() => activeRow(page)).toBe("k0000");
  for (let i = 0; i < 40; i++) await page.keyboard.press("ArrowDown");
  await expect
    .poll(() => activeRow(page), { message: "Down walks past the rows first rendered" })
    .toBe("k0040");
  await expect(item(page, "k0040"), "the active row is scrolled into view").toBeInViewport();
  await page.keyboard.press("ArrowLeft");
  await expect
    .poll(() => activeRow(page), { message: "Left from deep in the list goes to the folder" })
    .toBe("many");
  await page.keyboard.press("ArrowRight");
  await expect
    .poll(() => activeRow(page), { message: "Right scrolls back to the folder's first child" })
    .toBe("k0000");
  await page.keyboard.press("End");
  await expect
    .poll(() => activeIsLast(page), { message: "End scrolls the list to its last row" })
    .toBe(true);
  // End lands on the last row loaded; scrolling there loads the next page, so End again goes on.
  await expect
    .poll(
      async () => {
        await page.keyboard.press("End");
        return activeRow(page);
      },
      { message: "End reaches the folder's last key", timeout: 15_000 },
    )
    .toBe("k0149");
  await expect(item(page, "k0149")).toBeInViewport();
  await page.keyboard.press("Home");
  await expect.poll(() => activeRow(page), { message: "Home scrolls back to the top" }).toBe("/");
});
