import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, startEtcd } from "../scripts/lib/etcd-process.mjs";
import { expect, test } from "./fixtures";
import { startGateway, stopNext } from "./servers";

// This spec stops etcd, so it runs its own etcd + gateway instead of the shared ones.
// While etcd is down the gateway answers 503/504, which the browser logs as console errors.
test.use({ expectedConsoleErrors: /status of 50[34]/ });

test("etcd going away raises a banner, and the page recovers by itself", async ({ page }) => {
  test.setTimeout(120_000);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "etcd-explorer-outage-"));
  const member = { name: "outage", clientPort: await freePort(), peerPort: await freePort() };
  const dataDir = path.join(dir, "etcd");
  let etcd = await startEtcd({ dataDir, member });
  const next = await startGateway({
    port: await freePort(),
    etcdEndpoints: etcd.endpoint,
    logFile: path.join(dir, "next.log"),
  });
  try {
    await fetch(`${next.url}/api/v1/kv`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key: "outage/key", value: "still here" }),
    });
    await page.goto(`${next.url}/?key=outage%2Fkey`);
    await expect(
      page.getByLabel("Value", { exact: true }),
      "the key loads while etcd is up",
    ).toHaveText("still here");

    await etcd.stop();
    const banner = page.getByRole("alert").filter({ hasText: "etcd is unreachable" });
    await expect(banner, "a banner says etcd is unreachable").toBeVisible({ timeout: 30_000 });

    etcd = await startEtcd({ dataDir, member });
    await expect(banner, "the banner goes away by itself once etcd is back").toBeHidden({
      timeout: 45_000,
    });
    await expect(
      page.getByRole("treeitem", { name: "outage", exact: true }),
      "the tree loads again",
    ).toBeVisible();
  } finally {
    // Leave the page first: stopping the gateway under its open event stream logs a reset.
    await page.goto("about:blank");
    stopNext(next.pid);
    await etcd.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
});
