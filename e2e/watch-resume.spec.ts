import { Etcd3 } from "etcd3";
import { expect, test } from "./fixtures";
import { startOwnGateway } from "./own-gateway";

// The gateway is killed under the page: its requests fail (connection refused, 5xx) meanwhile.
test.use({
  expectedConsoleErrors:
    /ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|ERR_INCOMPLETE_CHUNKED_ENCODING|status of 50[234]/,
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
