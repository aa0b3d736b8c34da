import { Etcd3 } from "etcd3";
import { api, ETCD_ENDPOINTS, expect, recordLeaseReads, test } from "./fixtures";

test("service discovery groups instances by folder with live countdowns", async ({
  page,
  prefix,
}) => {
  const granted = await api("/leases", { method: "POST", body: { ttl: 60 } });
  const lease = String(granted.body.id);
  for (const key of [`${prefix}api/i-1`, `${prefix}api/i-2`, `${prefix}web/w-1`]) {
    const put = await api("/kv", { method: "PUT", body: { key, value: "10.0.0.1:80", lease } });
    expect(put.status, `registering ${key} succeeds`).toBe(200);
  }
  await page.goto(`/services?prefix=${encodeURIComponent(prefix)}`);
  const api1 = page.getByRole("table", { name: `Instances of ${prefix}api/` });
  await expect(api1.getByRole("row"), "the api service lists its two instances").toHaveCount(2);
  await expect(
    api1.getByRole("row", { name: "i-1" }).getByRole("timer", { name: "TTL" }),
    "each instance shows its lease countdown",
  ).toHaveAttribute("data-seconds", /^\d+$/);
  await expect(
    page.getByRole("table", { name: `Instances of ${prefix}web/` }).getByRole("row"),
    "the web service is its own group",
  ).toHaveCount(1);

  await api(`/kv?key=${encodeURIComponent(`${prefix}api/i-2`)}`, { method: "DELETE" });
  await expect(
    api1.getByRole("row", { name: "i-2" }),
    "a deregistered instance is marked vanished live",
  ).toContainText("vanished");
  await api("/kv", {
    method: "PUT",
    body: { key: `${prefix}api/i-3`, value: "10.0.0.3:80", lease },
  });
  await expect(
    api1.getByRole("row", { name: "i-3" }),
    "a new registration appears live, marked new",
  ).toContainText("new");
  await api(`/leases/${lease}`, { method: "DELETE" });
});

test("instance countdowns share one batched read and a kept-alive instance never runs low", async ({
  page,
  prefix,
}) => {
  test.setTimeout(60_000);
  const client = new Etcd3({ hosts: ETCD_ENDPOINTS });
  // Registered as a service agent does it: its own lease, kept alive by etcd3 every TTL/3.
  const kept = client.lease(5);
  await kept.put(`${prefix}api/kept`).value("10.0.0.9:80");
  const keptId = BigInt(await kept.grant())
    .toString(16)
    .padStart(16, "0");
  const others: string[] = [];
  for (const name of ["a", "b"]) {
    const granted = await api("/leases", { method: "POST", body: { ttl: 120 } });
    others.push(String(granted.body.id));
    await api("/kv", {
      method: "PUT",
      body: { key: `${prefix}api/${name}`, value: "10.0.0.1:80", lease: granted.body.id },
    });
  }
  const { batches, perLeaseReads } = recordLeaseReads(page);
  try {
    await page.goto(`/services?prefix=${encodeURIComponent(prefix)}`);
    const timer = page.getByRole("row", { name: "kept" }).getByRole("timer", { name: "TTL" });
    await expect(timer, "the kept-alive instance shows its countdown").toHaveAttribute(
      "data-seconds",
      /^\d+$/,
    );
    const shown: string[] = [];
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      const seconds = Number(await timer.getAttribute("data-seconds"));
      const text = (await timer.textContent()) ?? "";
      shown.push(`${seconds}:${text}`);
      expect(seconds, `the kept-alive instance stays above 1 s (seen ${shown})`).toBeGreaterThan(1);
      expect(text, `and never reads expiring (seen ${shown})`).not.toMatch(/expir/);
      await page.waitForTimeout(200);
    }
    expect(perLeaseReads, "no lease is read with a request of its own").toEqual([]);
    expect(
      batches.some((ids) => [keptId, ...others].every((id) => ids.includes(id))),
      `the three instances' leases are read in one request (batches: ${JSON.stringify(batches)})`,
    ).toBe(true);
  } finally {
    await kept.revoke().catch(() => undefined);
    client.close();
    for (const id of others) await api(`/leases/${id}`, { method: "DELETE" });
  }
});
