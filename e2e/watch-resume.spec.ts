import { Etcd3 } from "etcd3";
import { expect, test } from "./fixtures";
import { startOwnGateway } from "./own-gateway";

// The gateway is killed under the page: its requests fail (connection refused, 5xx) meanwhile.
test.use({
  expectedConsoleErrors:
    /ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|ERR_INCOMPLETE_CHUNKED_ENCODING|status of 50[2345]/,
});

// A tab whose stream drops before its first change must resume right after the revision the
// stream started after (ready's id), not "from now": a put made while the gateway is down shows.
test("a stream that drops before any change resumes exactly: a put made meanwhile shows", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const own = await startOwnGateway("resume");
  const etcd = new Etcd3({ hosts: own.etcdEndpoint });
  try {
    await page.goto(own.url);
    await expect(page.getByLabel("Stream state"), "the stream is connected").toHaveText(
      "Connected",
    );
    await page.getByRole("button", { name: "Show event log" }).click();
    await expect(
      page.getByRole("list", { name: "Events" }),
      "nothing has changed yet on this spec's own etcd",
    ).toBeHidden();

    await own.killNext();
    await expect(page.getByLabel("Stream state"), "the page notices the drop").toHaveText(
      "Reconnecting…",
    );
    const put = await etcd.put("/resume/while-down").value("written while the gateway was down");
    const revision = put.header.revision;
    await own.restartNext();

    const row = page
      .getByRole("list", { name: "Events" })
      .getByRole("listitem")
      .filter({ hasText: "/resume/while-down" });
    await expect(
      row,
      "the put made while the gateway was down arrives after the reconnect",
    ).toBeVisible({ timeout: 30_000 });
    await expect(row, "with the revision etcd gave it").toContainText(`${revision}put`);
    await expect(page.getByLabel("Stream state"), "the stream is connected again").toHaveText(
      "Connected",
    );
    await expect(page.getByLabel("Last revision"), "the stream is current at the put").toHaveText(
      revision,
    );
  } finally {
    etcd.close();
    await own.stop();
  }
});

// Behind a reverse proxy the browser's reconnect gets a 502 while the gateway is down, and an
// EventSource gives up for good on a non-200 answer: this tab then opens a new one itself, which
// carries no Last-Event-ID, so it must resume from the revision `ready` said the stream started
// after.
test("a stream the browser gave up on (a proxy's 502) reopens exactly where it started", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const own = await startOwnGateway("resume-proxy");
  const etcd = new Etcd3({ hosts: own.etcdEndpoint });
  try {
    await page.goto(own.url);
    await expect(page.getByLabel("Stream state"), "the stream is connected").toHaveText(
      "Connected",
    );
    await page.getByRole("button", { name: "Show event log" }).click();

    let proxyDown = false;
    await page.route(
      (url) => url.pathname === "/api/v1/watch",
      (route) =>
        proxyDown
          ? route.fulfill({ status: 502, contentType: "text/plain", body: "Bad Gateway" })
          : route.continue(),
    );
    proxyDown = true;
    await own.killNext();
    await expect(page.getByLabel("Stream state"), "the page notices the drop").toHaveText(
      "Reconnecting…",
    );
    const put = await etcd.put("/resume/behind-proxy").value("written while the proxy said 502");
    const revision = put.header.revision;
    await own.restartNext();
    proxyDown = false;

    const row = page
      .getByRole("list", { name: "Events" })
      .getByRole("listitem")
      .filter({ hasText: "/resume/behind-proxy" });
    await expect(row, "the put made while the proxy answered 502 arrives").toBeVisible({
      timeout: 30_000,
    });
    await expect(row, "with the revision etcd gave it").toContainText(`${revision}put`);
    await expect(page.getByLabel("Stream state"), "the stream is connected again").toHaveText(
      "Connected",
    );
  } finally {
    etcd.close();
    await own.stop();
  }
});
