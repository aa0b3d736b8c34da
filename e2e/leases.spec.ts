import { Etcd3 } from "etcd3";
import { api, ETCD_ENDPOINTS, expect, recordLeaseReads, test } from "./fixtures";

/** Grant a lease through the gateway and bind `keys` to it; returns its hex ID. */
async function leasedKeys(ttl: number, keys: string[]): Promise<string> {
  const granted = await api("/leases", { method: "POST", body: { ttl } });
  expect(granted.status, "the gateway grants the lease").toBe(201);
  const id = String(granted.body.id);
  for (const key of keys) {
    const put = await api("/kv", { method: "PUT", body: { key, value: "10.0.0.1:80", lease: id } });
    expect(put.status, `seeding ${key} on lease ${id} succeeds`).toBe(200);
  }
  return id;
}

test("a leased key's TTL counts down in the key pane and the tree", async ({ page, prefix }) => {
  const key = `${prefix}svc/a`;
  await leasedKeys(120, [key]);
  await page.goto(`/?key=${encodeURIComponent(key)}`);
  const timer = page.getByLabel("Key metadata").getByRole("timer", { name: "TTL" });
  await expect(timer, "the key pane shows the lease's remaining TTL").toHaveAttribute(
    "data-seconds",
    /^\d+$/,
  );
  const first = Number(await timer.getAttribute("data-seconds"));
  expect(first, "the remaining TTL is at most the 120 s granted").toBeLessThanOrEqual(120);
  expect(first, "the remaining TTL is close to the 120 s granted").toBeGreaterThan(100);
  await page.waitForTimeout(2_000);
  const second = Number(await timer.getAttribute("data-seconds"));
  expect(second, "two seconds later the countdown has gone down").toBeLessThan(first);
  await expect(
    page.getByRole("treeitem", { name: "a" }).getByRole("timer", { name: "TTL" }),
    "the tree row shows the countdown too",
  ).toHaveAttribute("data-seconds", /^\d+$/);
});

test("revoking a lease from the lease manager deletes its keys", async ({ page, prefix }) => {
  const keys = [`${prefix}svc/one`, `${prefix}svc/two`];
  const id = await leasedKeys(300, keys);
  await page.goto("/leases");
  const row = page.getByRole("row", { name: `Lease ${id}` });
  await expect(row, "the lease is listed").toBeVisible();
  await expect(row, "the row lists the lease's keys").toContainText("2 keys");
  await row.getByRole("button", { name: `Revoke lease ${id}` }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke lease" });
  const doomed = dialog.getByRole("list", { name: "Keys that will be deleted" });
  for (const key of keys) {
    await expect(doomed, `the confirmation names ${key}`).toContainText(key);
  }
  await dialog.getByRole("button", { name: "Revoke lease" }).click();
  await expect(dialog, "the confirmation closes").toBeHidden();
  await expect(row, "the revoked lease leaves the table").toBeHidden();
  for (const key of keys) {
    const res = await api(`/kv?key=${encodeURIComponent(key)}`);
    expect(res.status, `${key} is gone from etcd`).toBe(404);
  }
});

test("grant a lease and keep it alive from the lease manager", async ({ page }) => {
  await page.goto("/leases");
  const form = page.getByRole("form", { name: "Grant lease" });
  await form.getByRole("textbox", { name: "TTL in seconds" }).fill("90");
  await form.getByRole("button", { name: "Grant lease" }).click();
  const status = form.getByRole("status");
  await expect(status, "the new lease's ID is shown").toContainText(/Granted lease [0-9a-f]+/);
  const id = /([0-9a-f]+)$/.exec((await status.textContent()) ?? "")?.[1] ?? "";
  const row = page.getByRole("row", { name: `Lease ${id}` });
  await expect(row, "the granted lease appears in the table").toBeVisible();
  await expect(row, "its granted TTL is 90 s").toContainText("90s");
  await row.getByRole("button", { name: `Keep lease ${id} alive` }).click();
  await expect(row.getByRole("timer"), "the lease is still counting").toHaveAttribute(
    "data-seconds",
    /^\d+$/,
  );
  await api(`/leases/${id}`, { method: "DELETE" });
});

test("attach an existing lease to a key, then detach it", async ({ page, prefix }) => {
  const key = `${prefix}cfg`;
  const granted = await api("/leases", { method: "POST", body: { ttl: 300 } });
  const id = String(granted.body.id);
  await api("/kv", { method: "PUT", body: { key, value: "v" } });
  await page.goto(`/?key=${encodeURIComponent(key)}`);
  const leaseValue = page.getByLabel("lease", { exact: true });
  await expect(leaseValue, "the key starts without a lease").toHaveText("none");
  await page.getByRole("button", { name: "Lease…" }).click();
  const dialog = page.getByRole("dialog", { name: "Key lease" });
  await dialog.getByRole("textbox", { name: "Lease ID (hex)" }).fill(id);
  await dialog.getByRole("button", { name: "Attach lease" }).click();
  await expect(dialog, "the dialog closes once the lease is attached").toBeHidden();
  await expect(leaseValue, "the key pane shows the attached lease").toHaveText(id);
  await expect(
    page.getByLabel("Key metadata").getByRole("timer", { name: "TTL" }),
    "the attached lease's TTL counts down",
  ).toHaveAttribute("data-seconds", /^\d+$/);
  await page.getByRole("button", { name: "Lease…" }).click();
  await dialog.getByRole("button", { name: "Detach lease" }).click();
  await expect(leaseValue, "the key pane shows no lease after detaching").toHaveText("none");
  expect((await api(`/kv?key=${encodeURIComponent(key)}`)).body.kv?.lease, "etcd agrees").toBe(
    null,
  );
  await api(`/leases/${id}`, { method: "DELETE" });
});

test("a key whose lease expires leaves the tree and the event log shows the delete", async ({
  page,
  prefix,
}) => {
  const key = `${prefix}eph/instance`;
  await page.goto(`/?prefix=${encodeURIComponent(`${prefix}eph/`)}`);
  await expect(page.getByLabel("Stream state"), "the watch stream is connected").toHaveText(
    "Connected",
  );
  await page.getByRole("button", { name: "Show event log" }).click();
  // Other tests write to the same etcd at the same time: show only this test's keys.
  await page.getByRole("searchbox", { name: "Filter events by key" }).fill(prefix);
  // Long enough for a loaded machine to show the key before it expires (the tree's refresh after
  // a watch event is throttled), short enough to watch the expiry.
  const granted = await api("/leases", { method: "POST", body: { ttl: 5 } });
  const ttl = Number(granted.body.ttl);
  await api("/kv", { method: "PUT", body: { key, value: "up", lease: String(granted.body.id) } });
  const row = page.getByRole("treeitem", { name: "instance" });
  await expect(row, "the leased key appears in the tree").toBeVisible();
  await expect(row, "and leaves it once its lease expires").toBeHidden({
    timeout: (ttl + 1) * 1000 + 3_000,
  });
  const deleted = page
    .getByRole("list", { name: "Events" })
    .getByRole("listitem")
    .filter({ hasText: `delete${key}` });
  await expect(deleted, "the event log shows the expiry as a delete").toBeVisible();
  expect((await api(`/kv?key=${encodeURIComponent(key)}`)).status, "etcd dropped the key").toBe(
    404,
  );
});

test("a kept-alive lease never counts down to expiring, a renewal shows, an unrenewed lease runs out", async ({
  page,
}) => {
  test.setTimeout(60_000);
  // A real keep-alive client, as a service agent runs it: etcd3 renews every TTL/3.
  const client = new Etcd3({ hosts: ETCD_ENDPOINTS });
  const kept = client.lease(5);
  const keptId = BigInt(await kept.grant())
    .toString(16)
    .padStart(16, "0");
  const lone = String((await api("/leases", { method: "POST", body: { ttl: 5 } })).body.id);
  // Renewed once mid-test: its expiry jumps by seconds, which the page must show as a renewal.
  const once = String((await api("/leases", { method: "POST", body: { ttl: 30 } })).body.id);
  const { batches, perLeaseReads } = recordLeaseReads(page);
  try {
    await page.goto("/leases");
    const keptTimer = page.getByRole("row", { name: `Lease ${keptId}` }).getByRole("timer");
    const loneRow = page.getByRole("row", { name: `Lease ${lone}` });
    await expect(keptTimer, "the kept-alive lease is listed").toHaveAttribute(
      "data-seconds",
      /^\d+$/,
    );
    // Watch for about two TTLs: the kept-alive lease stays above 1 s and never reads
    // "expiring"/"expired", while the lease nobody renews runs out.
    const shown: string[] = [];
    let loneLow = false;
    const renewAt = Date.now() + 5_000;
    let renewedOnce = false;
    let renewalShown = false;
    const onceTimer = page.getByRole("row", { name: `Lease ${once}` }).getByRole("timer");
    const until = Date.now() + 11_000;
    while (Date.now() < until) {
      const seconds = await keptTimer.getAttribute("data-seconds");
      const text = (await keptTimer.textContent()) ?? "";
      shown.push(`${seconds}:${text}`);
      expect(text, `the kept-alive lease never reads expiring (seen ${shown})`).not.toMatch(
        /expir/,
      );
      expect(
        Number(seconds),
        `the kept-alive lease stays above 1 s (seen ${shown})`,
      ).toBeGreaterThan(1);
      if (!renewedOnce && Date.now() > renewAt) {
        renewedOnce = true;
        const res = await api(`/leases/${once}/keepalive`, { method: "POST" });
        expect(res.status, "the 30 s lease is renewed mid-test").toBe(200);
      }
      // Read without waiting: the row leaves the table once the listing sees the lease gone.
      if (renewedOnce && !renewalShown) {
        renewalShown = await onceTimer.evaluateAll((els) =>
          els.some((e) => e.hasAttribute("data-renewed")),
        );
      }
      const loneNow = await loneRow
        .getByRole("timer")
        .evaluateAll((els) =>
          els.map((e) => [e.textContent ?? "", e.getAttribute("data-seconds")]),
        );
      const low = ([text, seconds]: (string | null)[]) =>
        /expir/.test(text ?? "") || Number(seconds ?? 99) <= 1;
      if (loneNow.length === 0 || loneNow.some(low)) {
        loneLow = true;
      }
      await page.waitForTimeout(200);
    }
    expect(loneLow, "the lease nobody renews counts down to ≤ 1 s / expiring").toBe(true);
    // The mark shows for 3 s after the re-read that saw the renewal: during the loop or after it.
    if (!renewalShown) {
      await expect(
        onceTimer,
        "the renewed lease's countdown jumps back up marked as renewed",
      ).toHaveAttribute("data-renewed", "", { timeout: 15_000 });
    }
    expect(perLeaseReads, "countdowns never read leases one request per lease").toEqual([]);
    expect(
      batches.some((ids) => ids.includes(keptId) && ids.includes(lone)),
      `both visible leases are re-read in one batched request (batches: ${JSON.stringify(batches)})`,
    ).toBe(true);
  } finally {
    await kept.revoke().catch(() => undefined);
    client.close();
    await api(`/leases/${once}`, { method: "DELETE" });
  }
});
