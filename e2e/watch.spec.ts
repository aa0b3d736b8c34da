import fs from "node:fs/promises";
import { etcdctl, expect, openKey, putKey, test } from "./fixtures";

/** `etcdctl -w json put` and return the revision etcd assigned to the put. */
function putWithEtcdctl(key: string, value: string): string {
  const out = JSON.parse(etcdctl("-w", "json", "put", key, value)) as {
    header: { revision: number | string };
  };
  return String(out.header.revision);
}

test("a put made with etcdctl shows in the event log with its revision", async ({
  page,
  prefix,
}) => {
  await page.goto("/");
  await expect(
    page.getByLabel("Stream state"),
    "the status indicator says the watch stream is connected",
  ).toHaveText("Connected");
  await page.getByRole("button", { name: "Show event log" }).click();
  const log = page.getByRole("list", { name: "Events" });

  const key = `${prefix}live/color`;
  // Other tests write to the same etcd at the same time: show only this test's keys.
  await page.getByRole("searchbox", { name: "Filter events by key" }).fill(prefix);
  const revision = putWithEtcdctl(key, "blue");
  const row = log.getByRole("listitem").filter({ hasText: key });
  await expect(row, "the put appears in the event log within a second").toBeVisible({
    timeout: 1_000,
  });
  await expect(row, "the row shows the put's revision, type and value").toContainText(
    `${revision}put${key}blue`,
  );
  await expect(
    page.getByLabel("Last revision"),
    "the status indicator's last revision reached the put's",
  ).not.toHaveText("—");
});

test("filtering by key and type, pause buffers events and resume shows them", async ({
  page,
  prefix,
}) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Show event log" }).click();
  await expect(page.getByLabel("Stream state"), "the stream is connected").toHaveText("Connected");
  const log = page.getByRole("list", { name: "Events" });
  await page.getByRole("searchbox", { name: "Filter events by key" }).fill(prefix);

  await page.getByRole("button", { name: "Pause" }).click();
  putWithEtcdctl(`${prefix}paused`, "1");
  await expect(
    page.getByText(/[1-9][\d,]* buffered/),
    "while paused the new event is counted as buffered",
  ).toBeVisible();
  await expect(log, "a paused log does not show the buffered event").toBeHidden();
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(
    log.getByRole("listitem").filter({ hasText: `${prefix}paused` }),
    "after resuming the buffered event is listed",
  ).toBeVisible();

  etcdctl("del", `${prefix}paused`);
  await page.getByRole("combobox", { name: "Event type" }).selectOption("delete");
  await expect(
    log.getByRole("listitem"),
    "filtered to deletes, only the delete of this test's key is listed",
  ).toHaveCount(1);
  await expect(log.getByRole("listitem"), "the listed row is the delete").toContainText("delete");
});

test("a key changed by someone else while being edited shows a notice, text kept", async ({
  page,
  prefix,
}) => {
  const key = `${prefix}edited.txt`;
  await putKey(key, "original");
  await openKey(page, key);
  await expect(page.getByLabel("Stream state"), "the stream is connected").toHaveText("Connected");
  await page.getByRole("button", { name: "Edit" }).click();
  const editor = page.getByRole("textbox", { name: "Value editor" });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText("mine");
  const revision = putWithEtcdctl(key, "theirs");
  await expect(
    page.getByLabel("Changed underneath"),
    "the editor says the key changed at that revision",
  ).toContainText(`changed at revision ${revision} by someone else`);
  await expect(editor, "the user's text is not overwritten").toHaveText("mine");
});

test("replaying from a past revision fills the log with the history since then", async ({
  page,
  prefix,
}) => {
  // Written before the page opens, so only a replay can show them.
  const first = putWithEtcdctl(`${prefix}replay/one`, "1");
  putWithEtcdctl(`${prefix}replay/two`, "2");
  putWithEtcdctl(`${prefix}replay/three`, "3");
  await page.goto("/");
  await expect(page.getByLabel("Stream state"), "the stream is connected").toHaveText("Connected");
  await page.getByRole("button", { name: "Show event log" }).click();
  await page.getByRole("searchbox", { name: "Filter events by key" }).fill(`${prefix}replay/`);
  const log = page.getByRole("list", { name: "Events" });
  await expect(log, "before the replay the earlier puts are not in the log").toBeHidden();

  const replay = page.getByRole("form", { name: "Replay history" });
  await replay.getByRole("textbox", { name: "From revision" }).fill(first);
  await replay.getByRole("button", { name: "Replay" }).click();
  const rows = log.getByRole("listitem");
  await expect(rows, "the three past puts are replayed into the log").toHaveCount(3);
  await expect(rows.first(), "the newest replayed put is listed first").toContainText(
    `${prefix}replay/three`,
  );
  await expect(rows.last(), "the oldest row is the put at the replayed revision").toContainText(
    `${first}put${prefix}replay/one`,
  );
  await expect(page.getByLabel("Stream state"), "the replayed stream is connected").toHaveText(
    "Connected",
  );
  putWithEtcdctl(`${prefix}replay/four`, "4");
  await expect(rows, "live events keep arriving after the replay").toHaveCount(4);
});

test("expanding an event shows the previous value and a line diff", async ({ page, prefix }) => {
  const key = `${prefix}diffed.conf`;
  await page.goto("/");
  await expect(page.getByLabel("Stream state"), "the stream is connected").toHaveText("Connected");
  await page.getByRole("button", { name: "Show event log" }).click();
  await page.getByRole("searchbox", { name: "Filter events by key" }).fill(key);
  putWithEtcdctl(key, "port=80\nhost=a\n");
  const revision = putWithEtcdctl(key, "port=8080\nhost=a\n");

  const row = page.getByRole("listitem").filter({ hasText: `${revision}put` });
  await row.getByRole("button", { expanded: false }).click();
  const details = page.getByRole("region", { name: `Details of revision ${revision}` });
  await expect(
    details.getByLabel("Previous value"),
    "the expanded event shows the value before the put",
  ).toHaveText("port=80\nhost=a\n");
  const diff = details.getByLabel("Diff");
  await expect(diff, "the diff marks the old line as removed").toContainText("- port=80");
  await expect(diff, "the diff marks the new line as added").toContainText("+ port=8080");
  await expect(diff, "the unchanged line is shown as context").toContainText("  host=a");
});

test("export downloads the shown events as NDJSON, one object per line", async ({
  page,
  prefix,
}) => {
  await page.goto("/");
  await expect(page.getByLabel("Stream state"), "the stream is connected").toHaveText("Connected");
  await page.getByRole("button", { name: "Show event log" }).click();
  await page.getByRole("searchbox", { name: "Filter events by key" }).fill(`${prefix}export/`);
  const put = putWithEtcdctl(`${prefix}export/a`, "one");
  etcdctl("del", `${prefix}export/a`);
  await expect(
    page.getByRole("list", { name: "Events" }).getByRole("listitem"),
    "the put and the delete are listed",
  ).toHaveCount(2);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export NDJSON" }).click(),
  ]);
  const text = await fs.readFile(await download.path(), "utf8");
  const lines = text
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines, "the file holds exactly the two shown events, oldest first").toMatchObject([
    { revision: put, type: "put", key: `${prefix}export/a`, value: "one", modRevision: put },
    { type: "delete", key: `${prefix}export/a`, value: null, prevValue: "one" },
  ]);
});

test("a key put by someone else flashes in the tree; a deleted key vanishes", async ({
  page,
  prefix,
}) => {
  const key = `${prefix}flash/a.txt`;
  await putKey(key, "1");
  await putKey(`${prefix}flash/b.txt`, "1");
  await openKey(page, `${prefix}flash/b.txt`);
  await expect(page.getByLabel("Stream state"), "the stream is connected").toHaveText("Connected");
  const item = page.getByRole("treeitem", { name: "a.txt" });
  await expect(item, "the sibling key is listed in the tree").toBeVisible();
  putWithEtcdctl(key, "2");
  await expect(item, "the changed key's row flashes").toHaveAttribute("data-flash", "true");
  await expect(item, "the flash fades after a moment").not.toHaveAttribute("data-flash");
  etcdctl("del", key);
  await expect(item, "the deleted key disappears from the tree").toBeHidden();
});
