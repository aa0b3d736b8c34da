import type { Page } from "@playwright/test";
import { etcdctl, expect, openKey, test } from "./fixtures";

/** `etcdctl -w json put` and return the revision etcd assigned to the put. */
function put(key: string, value: string): string {
  const out = JSON.parse(etcdctl("-w", "json", "put", key, value)) as {
    header: { revision: number | string };
  };
  return String(out.header.revision);
}

/** Open `key` with the event log shown and filtered to `prefix`; waits for the stream. */
async function openWithLog(page: Page, key: string, prefix: string): Promise<void> {
  await openKey(page, key);
  await expect(page.getByLabel("Stream state"), "the stream is connected").toHaveText("Connected");
  await page.getByRole("button", { name: "Show event log" }).click();
  await page.getByRole("searchbox", { name: "Filter events by key" }).fill(prefix);
}

/** Submit the Replay-from form with `text`. */
async function replayFrom(page: Page, text: string): Promise<void> {
  const form = page.getByRole("form", { name: "Replay history" });
  await form.getByRole("textbox", { name: "From revision" }).fill(text);
  await form.getByRole("button", { name: "Replay" }).click();
}

/** After a refused replay: a put by someone else reaches the log, the key pane and the tree. */
async function expectStillLive(page: Page, prefix: string, dir: string): Promise<void> {
  const revision = put(`${prefix}${dir}/a.txt`, "after");
  await expect(
    page.getByRole("list", { name: "Events" }).getByRole("listitem").first(),
    "the event log still shows new puts",
  ).toContainText(`${revision}put${prefix}${dir}/a.txt`);
  await expect(page.getByLabel("Value", { exact: true }), "the key pane still updates").toHaveText(
    "after",
  );
  put(`${prefix}${dir}/new.txt`, "1");
  await expect(
    page.getByRole("treeitem", { name: "new.txt" }),
    "the tree still shows new keys",
  ).toBeVisible();
  await expect(page.getByLabel("Stream state"), "the stream is connected").toHaveText("Connected");
}

test("Replay from a future or non-int64 revision is refused inline; the tab stays live", async ({
  page,
  prefix,
}) => {
  put(`${prefix}future/a.txt`, "before");
  await openWithLog(page, `${prefix}future/a.txt`, prefix);
  const current = put(`${prefix}future/b.txt`, "1");
  const alert = page.getByRole("form", { name: "Replay history" }).getByRole("alert");

  await replayFrom(page, String(BigInt(current) + BigInt(1000)));
  await expect(alert, "a revision beyond the current one is refused inline").toHaveText(
    /is in the future: the current revision is \d+/,
  );
  await expect(
    page.getByRole("list", { name: "Events" }).getByRole("listitem"),
    "the log was not cleared",
  ).toHaveCount(1);

  await replayFrom(page, "9223372036854775808");
  await expect(alert, "a revision beyond int64 is refused inline").toContainText(
    "beyond the largest etcd revision",
  );
  await expectStillLive(page, prefix, "future");
});

test.describe("when the gateway refuses a replay", () => {
  // The refused watch request is a 400 answer, which the browser logs.
  test.use({ expectedConsoleErrors: /status of 400/ });

  // The client-side check can't know every revision the gateway refuses (a stale or unknown
  // current revision): the protocol's 400 answer is shown inline and the stream goes back live
  // from where it was. The 400 is the protocol's refusal of a start beyond the current revision.
  test("the 400 is shown inline and the stream resumes exactly where it was", async ({
    page,
    prefix,
  }) => {
    const from = put(`${prefix}refused/a.txt`, "before");
    await openWithLog(page, `${prefix}refused/a.txt`, prefix);
    put(`${prefix}refused/seen.txt`, "1");
    const rows = page.getByRole("list", { name: "Events" }).getByRole("listitem");
    await expect(rows, "the put before the replay is logged").toHaveCount(1);

    let missed = "";
    await page.route(
      (url) => url.pathname === "/api/v1/watch" && url.searchParams.get("fromRevision") === from,
      async (route) => {
        // A change while the live stream is closed for the replay: it must not be lost.
        missed ||= put(`${prefix}refused/during.txt`, "1");
        await route.fulfill({
          status: 400,
          contentType: "application/json",
          body: JSON.stringify({
            error: {
              code: "invalid_request",
              message: `fromRevision ${from} is beyond the current revision 1`,
              details: { currentRevision: "1" },
            },
          }),
        });
      },
    );
    await replayFrom(page, from);
    await expect(
      page.getByRole("form", { name: "Replay history" }).getByRole("alert"),
      "the gateway's refusal is shown next to the field",
    ).toContainText(`Replay refused: fromRevision ${from} is beyond the current revision 1`);
    await expect(
      rows.filter({ hasText: `${prefix}refused/during.txt` }),
      "the change made while the replay was being refused arrives (resumed where it was)",
    ).toContainText(`${missed}put`);
    await expect(
      rows.filter({ hasText: `${prefix}refused/seen.txt` }),
      "the log kept its rows (a refused replay clears nothing)",
    ).toHaveCount(1);
    await expectStillLive(page, prefix, "refused");
  });
});
