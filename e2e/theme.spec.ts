import AxeBuilder from "@axe-core/playwright";
import type { Page, TestInfo } from "@playwright/test";
import { api, expect, putKey, test } from "./fixtures";

/** Side of the square screenshot blocks the white-panel check looks at, in CSS pixels. */
const BLOCK = 24;

/**
 * Blocks of a full-window screenshot in which every pixel is light (each channel ≥ 200), as
 * `x,y` of their top-left corners. Text, icons and borders never fill a whole block; a light
 * panel, dialog, editor or bar of any size does. The PNG is decoded in the page itself
 * (`createImageBitmap` on a blob is no fetch, so the CSP doesn't mind).
 */
async function lightBlocks(page: Page, name: string, testInfo: TestInfo): Promise<string[]> {
  const png = await page.screenshot();
  await testInfo.attach(name, { body: png, contentType: "image/png" });
  return page.evaluate(
    async ({ base64, block }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext("2d")!;
      ctx.drawImage(bitmap, 0, 0);
      const { data, width, height } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      const found: string[] = [];
      for (let by = 0; by + block <= height; by += block) {
        for (let bx = 0; bx + block <= width; bx += block) {
          let light = true;
          for (let y = by; y < by + block && light; y++) {
            for (let x = bx; x < bx + block; x++) {
              const i = (y * width + x) * 4;
              if (Math.min(data[i], data[i + 1], data[i + 2]) < 200) {
                light = false;
                break;
              }
            }
          }
          if (light) found.push(`${bx},${by}`);
        }
      }
      return found;
    },
    { base64: png.toString("base64"), block: BLOCK },
  );
}

/** Fails with the screenshot attached if any block of the window is a light panel. */
async function expectNoLightPanel(page: Page, name: string, testInfo: TestInfo) {
  const blocks = await lightBlocks(page, `${name} (dark)`, testInfo);
  expect(blocks, `${name}: no light panel in dark mode (light ${BLOCK}px blocks at)`).toEqual([]);
}

/**
 * Runs axe (WCAG 2.0/2.1 A and AA rules, colour contrast included) on the page as it is now;
 * fails listing each violation with the elements it found.
 */
async function expectNoAxeViolations(page: Page, name: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const found = violations.map(
    (v) =>
      `${v.id}: ${v.nodes.map((n) => `${n.target.join(" ")} (${n.failureSummary?.split("\n")[1]?.trim() ?? ""})`).join("; ")}`,
  );
  expect(found, `${name}: axe finds no WCAG A/AA violations`).toEqual([]);
}

/** The main pages, given the test's prefix: the tree, a key, a folder and the other views. */
function mainPages(
  prefix: string,
): { name: string; path: string; ready: (p: Page) => Promise<void> }[] {
  const seen = (text: string) => async (p: Page) => {
    await expect(p.getByText(text).first()).toBeVisible();
  };
  // axe rightly objects to a tree without items, which it is while its first page loads.
  const treeLoaded = async (p: Page) => {
    await expect(p.getByRole("treeitem").first(), "the tree has loaded").toBeVisible();
  };
  return [
    {
      name: "keys",
      path: "/",
      ready: async (p) => {
        await expect(p.getByRole("button", { name: "+ New key" })).toBeVisible();
        await treeLoaded(p);
      },
    },
    {
      name: "key",
      path: `/?key=${encodeURIComponent(`${prefix}config.json`)}`,
      ready: async (p) => {
        await expect(p.getByRole("button", { name: "Edit" })).toBeVisible();
        await treeLoaded(p);
        await expect(p.getByRole("timer", { name: "TTL" }).first()).toHaveAttribute(
          "data-seconds",
          /\d/,
        );
      },
    },
    {
      name: "folder",
      path: `/?prefix=${encodeURIComponent(`${prefix}app/`)}`,
      ready: async (p) => {
        await seen("New key here")(p);
        await treeLoaded(p);
      },
    },
    {
      name: "leases",
      path: "/leases",
      ready: async (p) => {
        await expect(p.getByRole("row", { name: /^Lease / }).first()).toBeVisible();
      },
    },
    {
      name: "services",
      path: `/services?prefix=${encodeURIComponent(`${prefix}app/`)}`,
      ready: async (p) => {
        await expect(p.getByRole("row", { name: "db" })).toBeVisible();
      },
    },
    {
      name: "cluster",
      path: "/cluster",
      ready: async (p) => {
        await expect(p.getByRole("main").getByText("healthy", { exact: true })).toBeVisible();
      },
    },
    {
      name: "locks",
      path: "/locks",
      ready: async (p) => {
        await expect(p.getByRole("heading", { name: "Locks and elections" })).toBeVisible();
      },
    },
    {
      name: "users & roles",
      path: "/access",
      ready: async (p) => {
        await expect(p.getByRole("table", { name: "Users" })).toBeVisible();
      },
    },
    {
      name: "import/export",
      path: "/bulk",
      ready: async (p) => {
        await expect(p.getByRole("heading").first()).toBeVisible();
      },
    },
    {
      name: "compare",
      path: "/compare",
      ready: async (p) => {
        await expect(p.getByRole("heading", { name: "Compare prefixes" })).toBeVisible();
      },
    },
    { name: "login", path: "/login", ready: seen("Sign in") },
  ];
}

/** Keys for the pages to show: a leased JSON value and a folder with a nested folder. */
async function seed(prefix: string) {
  const granted = await api("/leases", { method: "POST", body: { ttl: 300 } });
  expect(granted.status, "the gateway grants the lease").toBe(201);
  const put = await api("/kv", {
    method: "PUT",
    body: { key: `${prefix}config.json`, value: '{"a": 1}', lease: String(granted.body.id) },
  });
  expect(put.status, "seeding the leased key succeeds").toBe(200);
  await putKey(`${prefix}app/web/1`, "10.0.0.1:80");
  await putKey(`${prefix}app/db`, "10.0.0.2:5432");
}

test("with the system in dark mode every main page, a dialog and the editor are dark and pass axe", async ({
  page,
  prefix,
}, testInfo) => {
  test.setTimeout(120_000);
  await seed(prefix);
  await page.emulateMedia({ colorScheme: "dark" });
  for (const { name, path, ready } of mainPages(prefix)) {
    await page.goto(path);
    await ready(page);
    await expectNoLightPanel(page, name, testInfo);
    await expectNoAxeViolations(page, `${name} (dark)`);
  }

  await page.goto(`/?key=${encodeURIComponent(`${prefix}config.json`)}`);
  await page.getByRole("button", { name: "Edit" }).click();
  await expect(page.getByRole("textbox", { name: "Value editor" })).toBeVisible();
  await expectNoLightPanel(page, "value editor", testInfo);

  await page.goto("/");
  await page.getByRole("button", { name: "+ New key" }).click();
  await expect(page.getByRole("dialog", { name: "Create key" })).toBeVisible();
  await expectNoLightPanel(page, "new-key dialog", testInfo);
  await expectNoAxeViolations(page, "new-key dialog (dark)");
});

test("in light mode every main page passes axe, and the white-panel check sees its panels", async ({
  page,
  prefix,
}, testInfo) => {
  test.setTimeout(120_000);
  await seed(prefix);
  await page.emulateMedia({ colorScheme: "light" });
  for (const { name, path, ready } of mainPages(prefix)) {
    await page.goto(path);
    await ready(page);
    await expectNoAxeViolations(page, `${name} (light)`);
  }
  // The check of the dark test is not blind: the light page is mostly light blocks.
  await page.goto("/");
  const blocks = await lightBlocks(page, "keys (light)", testInfo);
  expect(blocks.length, "most of the light keys page is light blocks").toBeGreaterThan(1000);
});

test("the theme switch overrides the system, is remembered, and back on System follows it", async ({
  page,
  prefix,
}, testInfo) => {
  await seed(prefix);
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(`/?key=${encodeURIComponent(`${prefix}config.json`)}`);
  const themes = page.getByRole("group", { name: "Colour theme" });
  await expect(themes.getByRole("button", { name: "System theme" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );

  await themes.getByRole("button", { name: "Dark theme" }).click();
  await expect(page.locator("html"), "the pick applies at once").toHaveAttribute(
    "data-theme",
    "dark",
  );
  await page.getByRole("button", { name: "Edit" }).click();
  await expect(page.getByRole("textbox", { name: "Value editor" })).toBeVisible();
  await expectNoLightPanel(page, "key with editor, switched to dark", testInfo);

  // Remembered: the server renders the next page dark from its first byte (no light flash).
  const res = await page.goto("/leases");
  expect(await res!.text(), "the page's HTML already says dark").toMatch(
    /<html[^>]*data-theme="dark"/,
  );
  await expect(page.getByText("Grant lease").first()).toBeVisible();
  await expect(themes.getByRole("button", { name: "Dark theme" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expectNoLightPanel(page, "leases after a reload", testInfo);

  await themes.getByRole("button", { name: "System theme" }).click();
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
  const light = await lightBlocks(page, "leases back on system (light)", testInfo);
  expect(light.length, "back on System the light system's page is light again").toBeGreaterThan(
    1000,
  );
  await page.reload();
  await expect(themes.getByRole("button", { name: "System theme" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
});
