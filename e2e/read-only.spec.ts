import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { freePort } from "../scripts/lib/etcd-process.mjs";
import { api, ETCD_ENDPOINTS, etcdctl, expect, test } from "./fixtures";
import { startGateway, stopNext, type NextServer } from "./servers";

/** Button names that write to etcd somewhere in the app (any of them is a failure here). */
const WRITE_CONTROL =
  /new key|create|edit|save|lease…|attach|detach|delete|grant|keep .*alive|keep alive|revoke|disarm|remove|compact|defrag|break|make leader|password|enable auth|disable auth/i;

/** Every visible button's accessible name on the page. */
async function buttonNames(page: Page): Promise<string[]> {
  const names: string[] = [];
  for (const b of await page.getByRole("button").all()) {
    names.push(((await b.getAttribute("aria-label")) ?? (await b.textContent()) ?? "").trim());
  }
  return names;
}

test("read-only mode: no page shows a write control", async ({ page, prefix }) => {
  test.setTimeout(120_000);
  let server: NextServer | undefined;
  const granted = await api("/leases", { method: "POST", body: { ttl: 300 } });
  const lease = String(granted.body.id);
  try {
    server = await startGateway({
      port: await freePort(),
      etcdEndpoints: ETCD_ENDPOINTS,
      logFile: path.join(os.tmpdir(), `etcd-explorer-e2e-read-only-${process.pid}.log`),
      env: { ETCD_EXPLORER_READ_ONLY: "1" },
    });
    etcdctl("put", `${prefix}folder/plain`, "v");
    etcdctl("put", `${prefix}folder`, "a key that is also a folder");
    etcdctl("put", `--lease=${lease}`, `${prefix}svc/api/i-1`, "10.0.0.1:80");
    etcdctl("put", `--lease=${lease}`, `${prefix}locks/res`, ""); // an etcd3 npm Lock
    const q = encodeURIComponent;
    const pages: [string, string, (p: Page) => Promise<void>][] = [
      [
        "the key pane of a leased key",
        `/?key=${q(`${prefix}svc/api/i-1`)}`,
        (p) => expect(p.getByLabel("Key metadata").getByRole("timer")).toBeVisible(),
      ],
      [
        "the key pane of a key with keys below it",
        `/?key=${q(`${prefix}folder`)}`,
        (p) => expect(p.getByLabel("Value", { exact: true })).toContainText("also a folder"),
      ],
      [
        "a missing key",
        `/?key=${q(`${prefix}nope`)}`,
        (p) => expect(p.getByText("Key not found")).toBeVisible(),
      ],
      [
        "a folder",
        `/?prefix=${q(`${prefix}folder/`)}`,
        (p) => expect(p.getByText(/keys below this prefix/)).toBeVisible(),
      ],
      [
        "the lease manager",
        "/leases",
        (p) => expect(p.getByRole("row", { name: `Lease ${lease}` })).toBeVisible(),
      ],
      [
        "services",
        `/services?prefix=${q(`${prefix}svc/`)}`,
        (p) => expect(p.getByRole("row", { name: "i-1" }).getByRole("timer")).toBeVisible(),
      ],
      [
        "locks",
        `/locks?prefix=${q(`${prefix}locks/`)}`,
        (p) => expect(p.getByRole("region", { name: `Lock ${prefix}locks/res` })).toBeVisible(),
      ],
      [
        "the cluster page",
        "/cluster",
        (p) => expect(p.getByRole("link", { name: "Download snapshot (leader)" })).toBeVisible(),
      ],
      [
        "users & roles",
        "/access",
        (p) => expect(p.getByRole("table", { name: "Users" })).toBeVisible(),
      ],
    ];
    for (const [what, url, loaded] of pages) {
      await page.goto(`${server.url}${url}`);
      await expect(page.getByText("read-only", { exact: true }), `${what}: badge`).toBeVisible();
      await loaded(page);
      // The tree is open down to the selection: its rows and folder actions are on the page too.
      const names = await buttonNames(page);
      expect(
        names.filter((n) => WRITE_CONTROL.test(n)),
        `${what} (${url}) shows no write control; buttons: ${JSON.stringify(names)}`,
      ).toEqual([]);
      await expect(page.getByRole("form", { name: "Grant lease" }), what).toHaveCount(0);
    }
  } finally {
    // Leave the page first: its event stream would otherwise log reconnect errors.
    await page.goto("about:blank");
    if (server) stopNext(server.pid);
    await api(`/leases/${lease}`, { method: "DELETE" });
  }
});
