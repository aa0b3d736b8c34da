import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startCluster } from "../scripts/lib/etcd-process.mjs";
import { expect, test } from "./fixtures";
import { startGateway, stopNext, type NextServer } from "./servers";

// While members are down the page's own reads and event stream may fail (503, reconnects).
test.use({ expectedConsoleErrors: /status of 50[34]|EventSource|ERR_/ });

test("a 3-member cluster losing members: header health amber, then red with keys still shown as maybe stale, then green", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-e2e-cluster-"));
  const cluster = await startCluster({ baseDir: dir });
  let server: NextServer | undefined;
  try {
    server = await startGateway({
      port: await freePort(),
      etcdEndpoints: cluster.endpoints.join(","),
      logFile: path.join(dir, "next.log"),
    });
    await fetch(`${server.url}/api/v1/kv`, {
      method: "PUT",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ key: "seed", value: "before the outage" }),
    }).then((r) => expect(r.status, "the seed key is written").toBe(200));
    await page.goto(`${server.url}/`);
    const health = page.getByRole("status", { name: "Cluster health" });
    // The header polls every 10 s outside the cluster page; elections take a few seconds more.
    const within = { timeout: 30_000 };
    await expect(health, "all three members answer").toHaveText("healthy · 3 members", within);

    await cluster.members[2].stop("SIGKILL");
    await expect(health, "one member down is amber, named").toHaveText("member down: m3", within);
    await expect(health).toHaveAttribute("data-level", "amber");

    await cluster.members[1].stop("SIGKILL");
    await expect(health, "two of three down: quorum lost").toHaveText("no leader", within);
    await expect(health).toHaveAttribute("data-level", "red");
    // The lone member still serves the keys, serializably; the explorer says they may be stale.
    await page.reload();
    const stale = page.getByRole("status", { name: "Stale read" });
    await expect(stale, "reads without a leader are marked as maybe stale").toContainText(
      "etcd has no leader",
      within,
    );
    await expect(
      page.getByRole("treeitem", { name: "seed", exact: true }),
      "the tree still lists the keys from the lone member",
    ).toBeVisible();

    for (const i of [1, 2]) await cluster.restart(i);
    await expect(health, "restarted members rejoin").toHaveText("healthy · 3 members", within);
    await expect(health).toHaveAttribute("data-level", "green");
    await expect(stale, "a linearizable read after the election hides the notice").toHaveCount(
      0,
      within,
    );
  } finally {
    await page.goto("about:blank");
    if (server) stopNext(server.pid);
    await cluster.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
