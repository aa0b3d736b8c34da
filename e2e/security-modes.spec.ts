import os from "node:os";
import path from "node:path";
import { freePort } from "../scripts/lib/etcd-process.mjs";
import { ETCD_ENDPOINTS, etcdctl, expect, test } from "./fixtures";
import { startGateway, stopNext, type NextServer } from "./servers";

const TOKEN = "e2e-secret-token";

// The wrong token below is answered 401 (the browser logs it).
test.use({ expectedConsoleErrors: /status of 401/ });

test("with a token and read-only mode: sign in, then no write controls", async ({
  page,
  prefix,
}) => {
  test.setTimeout(90_000);
  let server: NextServer | undefined;
  try {
    server = await startGateway({
      port: await freePort(),
      etcdEndpoints: ETCD_ENDPOINTS,
      logFile: path.join(os.tmpdir(), `etcd-explorer-e2e-modes-${process.pid}.log`),
      env: { ETCD_EXPLORER_TOKEN: TOKEN, ETCD_EXPLORER_READ_ONLY: "1" },
    });
    etcdctl("put", `${prefix}ro`, "frozen");
    const unauth = await fetch(`${server.url}/api/v1/health`);
    expect(unauth.status, "the API refuses calls without the token").toBe(401);

    await page.goto(`${server.url}/?key=${encodeURIComponent(`${prefix}ro`)}`);
    await expect(page, "an unsigned visitor lands on the sign-in page").toHaveURL(/\/login\?next=/);
    await page.getByLabel("Access token").fill("wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Wrong token."), "a wrong token is refused").toBeVisible();
    await page.getByLabel("Access token").fill(TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();

    await expect(
      page.getByLabel("Value", { exact: true }),
      "after signing in the deep-linked key opens",
    ).toHaveText("frozen");
    await expect(
      page.getByText("read-only", { exact: true }),
      "the header shows the badge",
    ).toBeVisible();
    for (const name of ["+ New key", "Edit", "Delete", "Delete folder"]) {
      await expect(
        page.getByRole("button", { name, exact: true }),
        `no "${name}" button`,
      ).toHaveCount(0);
    }
  } finally {
    // Leave the page first: its event stream would otherwise log reconnect errors.
    await page.goto("about:blank");
    if (server) stopNext(server.pid);
    etcdctl("del", "--prefix", prefix);
  }
});
