import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { ETCDCTL_BIN, freePort, startEtcd } from "../scripts/lib/etcd-process.mjs";
import { expect, test } from "./fixtures";
import { startGateway, stopNext, type NextServer } from "./servers";

// Opening /other/b as alice is refused by design: the browser logs that 403.
test.use({ expectedConsoleErrors: /status of 403/ });

const item = (page: Page, name: string) => page.getByRole("treeitem", { name, exact: true });

test("a non-root etcd user browses from the root down to the prefix it may read", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-e2e-auth-"));
  let etcd: Awaited<ReturnType<typeof startEtcd>> | undefined;
  let server: NextServer | undefined;
  try {
    // This test runs its own etcd with auth on: alice may read /app/ and nothing else.
    etcd = await startEtcd({ dataDir: path.join(dir, "data") });
    const ctl = (...args: string[]) =>
      execFileSync(ETCDCTL_BIN, [`--endpoints=${etcd!.endpoint}`, ...args], { encoding: "utf8" });
    ctl("user", "add", "root:rootpw");
    ctl("user", "grant-role", "root", "root");
    ctl("role", "add", "reader");
    ctl("role", "grant-permission", "reader", "read", "/app/", "--prefix");
    ctl("user", "add", "alice:alicepw");
    ctl("user", "grant-role", "alice", "reader");
    ctl("auth", "enable");
    const asRoot = (...args: string[]) => ctl("--user=root:rootpw", ...args);
    asRoot("put", "/app/a", "hello from app");
    asRoot("put", "/app/sub/b", "2");
    asRoot("put", "/other/b", "secret");

    server = await startGateway({
      port: await freePort(),
      etcdEndpoints: etcd.endpoint,
      logFile: path.join(dir, "next.log"),
      env: { ETCD_USERNAME: "alice", ETCD_PASSWORD: "alicepw" },
    });
    await page.goto(server.url);

    await expect(
      page.getByRole("note").filter({ hasText: 'watching keys under "/app/"' }),
      "the event log says alice can't watch all keys and watches /app/ instead",
    ).toBeVisible();
    await expect(
      page.getByLabel("Stream state"),
      "the watch on /app/ is connected (not refused, not reconnecting)",
    ).toHaveText("Connected");

    // The root's "/" folder starts open: its restricted listing leads on to /app.
    await expect(item(page, "/"), "the root shows the way in").toBeVisible();
    await expect(item(page, "app"), "the root leads on to /app").toBeVisible();
    await expect(item(page, "other"), "nothing alice may not read is shown").toHaveCount(0);
    await expect(
      page.getByText("etcd denies listing this folder").first(),
      "the tree says the listing is restricted, not an error",
    ).toBeVisible();
    await item(page, "app").click();
    await expect(item(page, "sub"), "/app/ lists normally").toBeVisible();
    await item(page, "a").click();
    await expect(page.getByLabel("Value", { exact: true }), "alice reads /app/a").toHaveText(
      "hello from app",
    );

    asRoot("put", "/app/live", "x");
    await expect(item(page, "live"), "a put under /app/ arrives through the watch").toBeVisible();

    await page.goto(`${server.url}/?key=${encodeURIComponent("/other/b")}`);
    await expect(
      page.getByText('etcd user "alice" may not read "/other/b"'),
      "a key outside her role shows the 403 naming it",
    ).toBeVisible();
  } finally {
    await page.goto("about:blank");
    if (server) stopNext(server.pid);
    await etcd?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
