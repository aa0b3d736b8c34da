import { startEtcdctl, type EtcdctlProcess } from "../scripts/lib/etcdctl-process.mjs";
import { ETCD_ENDPOINTS, expect, test } from "./fixtures";

const running: EtcdctlProcess[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()));
});

/** A real etcdctl process on the test etcd, stopped (SIGKILL) after the test. */
function etcdctl(args: string[]): EtcdctlProcess {
  const p = startEtcdctl(ETCD_ENDPOINTS, args);
  running.push(p);
  return p;
}

test("an etcdctl elect leader and its waiter; the waiter leads once the leader's process is killed", async ({
  page,
  prefix,
}) => {
  const name = `${prefix}scheduler`;
  const leader = etcdctl(["elect", name, "node-a"]);
  await leader.acquired;
  etcdctl(["elect", name, "node-b"]);

  await page.goto(`/locks?prefix=${encodeURIComponent(prefix)}`);
  const card = page.getByRole("region", { name: `Lock ${name}` });
  await expect(card.getByLabel("Leader"), "the leader's proposal").toContainText("node-a");
  await expect(card.getByLabel("Leader").getByRole("timer", { name: "TTL" })).toHaveAttribute(
    "data-seconds",
    /^\d+$/,
  );
  await expect(card.getByRole("list", { name: "Waiters" }).getByRole("listitem")).toHaveCount(1);
  await expect(card.getByRole("list", { name: "Waiters" })).toContainText("node-b");
  await expect(card).toContainText("election");

  // etcdctl elect has no --ttl (60 s lease): SIGTERM ends it as an orchestrator would.
  await leader.stop("SIGTERM");
  // 5 s: well under the list's 10 s fallback poll, so only the watch-driven refresh passes.
  await expect(card.getByLabel("Leader"), "the waiter leads, without a reload").toContainText(
    "node-b",
    { timeout: 5_000 },
  );
  await expect(card.getByRole("list", { name: "Waiters" }).getByRole("listitem")).toHaveCount(0);
});

test("Break revokes the holder's lease after a confirm; the waiter takes over", async ({
  page,
  prefix,
}) => {
  const name = `${prefix}job`;
  const holder = etcdctl(["lock", "--ttl=30", name]);
  const holderKey = await holder.acquired;
  const waiter = etcdctl(["lock", "--ttl=30", name]);

  await page.goto(`/locks?prefix=${encodeURIComponent(prefix)}`);
  const card = page.getByRole("region", { name: `Lock ${name}` });
  await expect(card.getByLabel("Holder")).toContainText(holderKey);
  await expect(card.getByRole("list", { name: "Waiters" }).getByRole("listitem")).toHaveCount(1);
  await expect(card.getByLabel("Holder")).toContainText(/holds since revision \d+/);

  await card.getByRole("button", { name: "Break" }).click();
  const dialog = page.getByRole("dialog", { name: "Break lock" });
  await expect(dialog).toContainText(holderKey);
  await dialog.getByRole("button", { name: "Revoke the holder's lease" }).click();
  const waiterKey = await waiter.acquired;
  await expect(card.getByLabel("Holder")).toContainText(waiterKey, { timeout: 5_000 });
  await expect(card.getByRole("list", { name: "Waiters" }).getByRole("listitem")).toHaveCount(0);
});
