import { expect, test } from "./fixtures";

test("the cluster page shows the single test member as leader and the header is green", async ({
  page,
}) => {
  await page.goto("/cluster");
  const members = page.getByRole("table", { name: "Members" });
  const rows = members.getByRole("row", { name: /^Member / });
  await expect(rows, "the shared e2e etcd has exactly one member").toHaveCount(1);
  await expect(rows.first(), "the single member carries the leader badge").toContainText("Leader");
  await expect(rows.first(), "the single member is healthy").toContainText("healthy");
  await expect(
    rows.first().getByRole("meter", { name: /^DB size of / }),
    "the member's DB size is shown as a bar",
  ).toBeVisible();
  await expect(
    page.getByRole("alert", { name: "Alarms" }),
    "no alarm is raised on the test etcd",
  ).toHaveCount(0);
  await expect(
    page.getByText(/^Cluster [0-9a-f]+ · revision [1-9]\d* · compacted at (never|\d+) ·/),
    "the page shows the store revision from the members' Status and the compacted revision",
  ).toBeVisible();
  const health = page.getByRole("status", { name: "Cluster health" });
  await expect(health, "the header's health dot is green with one healthy member").toHaveAttribute(
    "data-level",
    "green",
  );
  await expect(health, "the header states the reason as text").toContainText("healthy · 1 member");
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cluster" }),
    "the header's Cluster link is enabled and current",
  ).toHaveAttribute("aria-current", "page");
});
