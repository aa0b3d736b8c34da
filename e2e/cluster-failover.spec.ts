import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startCluster, startEtcd } from "../scripts/lib/etcd-process.mjs";
import { expect, test } from "./fixtures";
import { startNext, stopNext, type NextServer } from "./servers";

// While members are down the page's own reads and event stream may fail (503, reconnects).
test.use({ expectedConsoleErrors: /status of 50[34]|EventSource|ERR_/ });

test("the header's health follows a 3-member cluster: member down, no leader, healthy again", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-e2e-cluster-"));
  const cluster = await startCluster({ baseDir: dir });
  let server: NextServer | undefined;
  try {
    server = await startNext({
      port: await freePort(),
      etcdEndpoints: cluster.endpoints.join(","),
      logFile: path.join(dir, "next.log"),
    });
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

    for (const i of [1, 2]) {
      cluster.members[i] = await startEtcd({
        dataDir: path.join(dir, cluster.specs[i].name),
        member: cluster.specs[i],
        cluster: cluster.specs,
      });
    }
    await expect(health, "restarted members rejoin").toHaveText("healthy · 3 members", within);
    await expect(health).toHaveAttribute("data-level", "green");
  } finally {
    await page.goto("about:blank");
    if (server) stopNext(server.pid);
    await cluster.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
