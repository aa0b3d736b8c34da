import { api, expect, test } from "./fixtures";

test("the cluster page charts live metrics: points appear every 5 s and move with writes", async ({
  page,
  prefix,
}) => {
  test.setTimeout(60_000);
  await page.goto("/cluster");
  const dashboard = page.getByRole("region", { name: "Metrics" });
  const requests = dashboard.getByRole("figure", { name: "Requests per second" });
  await expect(requests, "the requests chart is on the page").toBeVisible();
  await expect(
    dashboard.getByRole("figure", { name: "WAL fsync p99" }),
    "the fsync chart says what is healthy",
  ).toContainText("Below 10 ms");

  // Writes between samples, so revisions per second is above zero in some interval.
  const writing = (async () => {
    for (let i = 0; i < 30; i++) {
      await api("/kv", { method: "PUT", body: { key: `${prefix}m${i}`, value: "v" } });
      await new Promise((r) => setTimeout(r, 300));
    }
  })();
  await expect
    .poll(async () => Number(await requests.getAttribute("data-points")), {
      message: "a second and a third sample arrive (one point per 5 s interval)",
      timeout: 25_000,
    })
    .toBeGreaterThanOrEqual(2);
  await expect
    .poll(() => requests.locator(".recharts-line-dot").count(), {
      message: "the chart draws the points",
    })
    .toBeGreaterThanOrEqual(2);
  await writing;
  const revisions = dashboard.getByRole("figure", { name: "Revisions per second" });
  await expect(
    revisions.locator(".recharts-line-dot").first(),
    "the revisions chart has points too",
  ).toBeVisible();
  await expect(
    revisions.getByLabel("Revisions per second now"),
    "the latest revision rate is shown as text",
  ).toHaveText(/\S+: \d/);
});
