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

test.describe("content security policy", () => {
  test.use({ expectedConsoleErrors: /Content Security Policy|status of 404/ });

  test("pages carry a nonce CSP, work under it, and injected handlers don't run", async ({
    page,
    prefix,
  }) => {
    await putKey(`${prefix}csp`, "ok");
    const res = await page.goto("/");
    const csp = res?.headers()["content-security-policy"] ?? "";
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    expect(scriptSrc, "scripts need the page's nonce").toMatch(/'nonce-[^']+'/);
    expect(scriptSrc, "inline script is not allowed").not.toContain("unsafe-inline");
    expect(csp, "the page can't be framed").toContain("frame-ancestors 'none'");
    expect(res?.headers()["x-content-type-options"], "no MIME sniffing").toBe("nosniff");
    expect(res?.headers()["referrer-policy"], "no referrer leaks").toBe("no-referrer");
    // The app hydrated under the policy: the tree is interactive.
    await page.getByRole("treeitem", { name: prefix.slice(1, -1), exact: true }).click();
    await page.getByRole("treeitem", { name: "csp", exact: true }).click();
    await expect(page.getByLabel("Value", { exact: true }), "the key opens").toHaveText("ok");
    const ran = await page.evaluate(async () => {
      document.body.insertAdjacentHTML(
        "beforeend",
        '<img src="/nope.png" onerror="window.__injected = true">',
      );
      await new Promise((r) => setTimeout(r, 500));
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran, "an injected inline event handler is blocked by the CSP").toBe(false);
  });
});
