import { api, expect, test } from "./fixtures";

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
