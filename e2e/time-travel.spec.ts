import fs from "node:fs";
import { execFileSync } from "node:child_process";
import { api, expect, openKey, putKey, test } from "./fixtures";
import { startOwnGateway } from "./own-gateway";

const enc = encodeURIComponent;

/** Write a key through the gateway and return the revision of that write. */
async function put(key: string, value: string, extra: Record<string, unknown> = {}) {
  const res = await api("/kv", { method: "PUT", body: { key, value, ...extra } });
  expect(res.status, `writing ${key} succeeds`).toBe(200);
  return res.body.kv as { modRevision: string; lease: string | null };
}

test("?revision=R shows the keyspace as it was then: old value, banner, read-only, back to live", async ({
  page,
  prefix,
}) => {
  const key = `${prefix}cfg`;
  await putKey(`${prefix}old-only`, "was here");
  const then = (await put(key, "v1")).modRevision;
  await putKey(key, "v2");
  expect((await api(`/kv?key=${enc(`${prefix}old-only`)}`, { method: "DELETE" })).status).toBe(200);

  await page.goto(`/?key=${enc(key)}&revision=${then}`);
  const banner = page.getByRole("status", { name: "Past view" });
  await expect(banner, "the banner names the revision shown").toContainText(
    `As of revision ${then}`,
  );
  await expect(banner, "the banner names the current revision").toContainText(/\(now \d+\)/);
  await expect(page.getByLabel("Value", { exact: true }), "the value as it was then").toHaveText(
    "v1",
  );
  await expect(page.getByLabel("modRevision"), "metadata as it was then").toHaveText(then);
  await expect(
    page.getByRole("treeitem", { name: "old-only" }),
    "the tree lists a key that existed then (deleted since)",
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Edit" }), "no edit in the past").toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete" }), "no delete in the past").toHaveCount(
    0,
  );
  await expect(page.getByRole("button", { name: "+ New key" }), "no new key").toHaveCount(0);

  // A live write is not applied to the past view.
  await putKey(key, "v3");
  await page.waitForTimeout(1_000);
  await expect(page.getByLabel("Value", { exact: true }), "live changes stay out").toHaveText("v1");

  await banner.getByRole("button", { name: "Back to live" }).click();
  await expect(banner, "the banner goes with the past view").toBeHidden();
  expect(new URL(page.url()).searchParams.get("revision"), "the URL is live again").toBeNull();
  await expect(page.getByLabel("Value", { exact: true }), "the live value").toHaveText("v3");
  await expect(page.getByRole("treeitem", { name: "old-only" }), "deleted now").toHaveCount(0);
  await expect(page.getByRole("button", { name: "Edit" }), "editing is back").toBeVisible();

  // The picker goes back to the same revision and keeps the selection.
  const picker = page.getByRole("form", { name: "View at revision" });
  await picker.getByRole("textbox", { name: "View at revision" }).fill(then);
  await picker.getByRole("button", { name: "Go" }).click();
  await expect(page.getByLabel("Value", { exact: true }), "the picker shows the past").toHaveText(
    "v1",
  );
  expect(new URL(page.url()).searchParams.get("revision"), "the link carries R").toBe(then);
  await picker.getByRole("textbox", { name: "View at revision" }).fill("99999999999");
  await picker.getByRole("button", { name: "Go" }).click();
  await expect(
    picker.getByRole("alert"),
    "a future revision is refused by the field",
  ).toContainText("in the future");
});

test("delete a folder, open What changed, restore it: the keys come back byte for byte", async ({
  page,
  prefix,
}) => {
  const folder = `${prefix}doomed/`;
  await putKey(`${folder}a`, "one\r\n");
  await putKey(`${folder}b`, "AP8B", "base64");
  await putKey(`${folder}sub/c`, "3");
  await putKey(`${prefix}survivor`, "stays");

  await page.goto(`/?prefix=${enc(folder)}`);
  await page.getByRole("button", { name: "Delete folder" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete folder" });
  await expect(dialog, "the dialog says the keys can be restored").toContainText(
    "You can restore these from History",
  );
  await dialog.getByRole("textbox", { name: /Type the folder prefix/ }).fill(folder);
  await dialog.getByRole("button", { name: "Delete folder" }).click();
  await expect(dialog, "the dialog closes after deleting").toBeHidden();
  await expect(
    page.getByRole("list", { name: "Changed keys" }).getByRole("listitem"),
    "after the delete, What changed lists exactly the deleted keys",
  ).toHaveCount(3);
  await expect(page.getByRole("treeitem", { name: "doomed" }), "gone from the tree").toHaveCount(0);
  const from = new URL(page.url()).searchParams.get("from") ?? "";
  expect(from, "the view starts just before the delete").toMatch(/^\d+$/);

  // Open "What changed" on the parent folder, from before the delete to now.
  await page.goto(`/?prefix=${enc(prefix)}`);
  await page.getByRole("button", { name: "What changed…" }).click();
  await page.getByRole("textbox", { name: "From revision" }).fill(from);
  await page.getByRole("button", { name: "Compare" }).click();
  const rows = page.getByRole("list", { name: "Changed keys" }).getByRole("listitem");
  await expect(rows, "three keys were deleted since then").toHaveCount(3);
  await expect(rows.first(), "each row says what happened").toContainText("deleted");

  await page.getByRole("checkbox", { name: /^deleted/ }).uncheck();
  await expect(rows, "the change-type filter hides deleted keys").toHaveCount(0);
  await page.getByRole("checkbox", { name: /^deleted/ }).check();
  await expect(rows).toHaveCount(3);

  await page
    .getByRole("listitem", { name: `deleted ${folder}a` })
    .getByRole("button", { name: "Diff" })
    .click();
  await expect(
    page.getByRole("listitem", { name: `deleted ${folder}a` }).getByLabel("Differences"),
    "the per-key diff shows the value that went",
  ).toContainText("- one");

  await page.getByRole("checkbox", { name: /Select all deleted keys/ }).check();
  await page.getByRole("button", { name: "Restore 3 selected keys" }).click();
  const results = page.getByRole("status", { name: "Restore results" });
  await expect(results, "every key is reported restored").toContainText("Restored 3 of 3 keys");
  await expect(results, "the UI says restored keys have no lease").toContainText("no lease");

  await expect(
    page.getByRole("treeitem", { name: "doomed" }),
    "the folder is back in the tree",
  ).toBeVisible();
  const a = (await api(`/kv?key=${enc(`${folder}a`)}`)).body.kv;
  expect(a?.value, "the CR LF bytes came back exactly").toBe("one\r\n");
  expect(a?.lease, "a restored key has no lease").toBeNull();
  const b = (await api(`/kv?key=${enc(`${folder}b`)}`)).body.kv;
  expect([b?.value, b?.valueEncoding], "binary bytes came back exactly").toEqual([
    "AP8B",
    "base64",
  ]);
  expect((await api(`/kv?key=${enc(`${folder}sub/c`)}`)).body.kv?.value).toBe("3");
});

test("History tab: versions, a normalised diff, and Restore this version through a conflict", async ({
  page,
  prefix,
}) => {
  const key = `${prefix}app.json`;
  const v1 = '{"a": 1,\r\n "b": 2}';
  const first = await put(key, v1, { ttl: 600 });
  const second = await put(key, '{"b":2,"a":1}');
  const third = await put(key, '{"a":3}');
  expect(third.lease, "the lease stays through edits").toBe(first.lease);

  await openKey(page, key);
  await page.getByRole("tab", { name: "History" }).click();
  const table = page.getByRole("table", { name: "Versions" });
  for (const r of [first, second, third]) {
    await expect(
      table.getByRole("row", { name: `Revision ${r.modRevision}` }),
      "each version is listed",
    ).toBeVisible();
  }
  await expect(
    table.getByRole("row", { name: `Revision ${first.modRevision}` }),
    "a version shows its lease",
  ).toContainText(first.lease ?? "");

  await page.getByRole("checkbox", { name: `Compare revision ${first.modRevision}` }).check();
  await page.getByRole("checkbox", { name: `Compare revision ${second.modRevision}` }).check();
  await expect(
    page.getByText("Same content (they differ only in layout or key order)."),
    "normalised JSON hides layout and key order",
  ).toBeVisible();
  await page.getByRole("checkbox", { name: /Normalise JSON/ }).uncheck();
  await expect(page.getByLabel("Differences"), "the raw diff shows the CR").toContainText("\\r");
  await page.getByRole("radio", { name: "Side by side" }).check();
  await expect(page.getByRole("table", { name: "Differences side by side" })).toBeVisible();

  await table
    .getByRole("row", { name: `Revision ${first.modRevision}` })
    .getByRole("button", { name: "Restore this version" })
    .click();
  const dialog = page.getByRole("dialog", { name: "Restore this version" });
  await expect(dialog, "the current lease is kept by default").toContainText(
    `Keep the current lease (${first.lease})`,
  );
  // Someone writes while the dialog is open: the restore must not overwrite it unseen.
  await put(key, '{"a":4}');
  await dialog.getByRole("button", { name: "Restore this version" }).click();
  const conflict = page.getByRole("dialog", { name: "Conflict: the key changed" });
  await expect(conflict, "the conflict dialog shows their value").toContainText('{"a":4}');
  await conflict.getByRole("button", { name: "Restore over their change" }).click();
  await expect(page.getByText(/Restored: the key is now at revision \d+/)).toBeVisible();

  const now = (await api(`/kv?key=${enc(key)}`)).body.kv;
  expect(now?.value, "the old version's bytes, CR included").toBe(v1);
  expect(now?.lease, "the key kept its lease").toBe(first.lease);
  await expect(
    table.getByRole("row").filter({ hasText: "current" }),
    "the restored write is listed as the current version",
  ).toContainText(String(now?.modRevision));
});

test("an event in the event log opens What changed since it, for its folder", async ({
  page,
  prefix,
}) => {
  const key = `${prefix}svc/port`;
  await putKey(key, "80");
  await page.goto("/");
  await expect(page.getByLabel("Stream state"), "the stream is connected").toHaveText("Connected");
  await page.getByRole("button", { name: "Show event log" }).click();
  await page.getByRole("searchbox", { name: "Filter events by key" }).fill(key);
  const revision = (await put(key, "8080")).modRevision;
  await putKey(`${prefix}svc/host`, "a");

  const row = page.getByRole("listitem").filter({ hasText: `${revision}put` });
  await row.getByRole("button", { expanded: false }).click();
  await page
    .getByRole("region", { name: `Details of revision ${revision}` })
    .getByRole("link", { name: `What changed in ${prefix}svc/ since this event` })
    .click();
  await expect(
    page.getByRole("heading", { name: `What changed under ${prefix}svc/` }),
  ).toBeVisible();
  expect(new URL(page.url()).searchParams.get("from"), "from the revision before the event").toBe(
    String(BigInt(revision) - 1n),
  );
  const rows = page.getByRole("list", { name: "Changed keys" }).getByRole("listitem");
  await expect(
    rows.filter({ hasText: `${prefix}svc/port` }),
    "the event's own change is listed",
  ).toContainText("updated");
  await expect(
    rows.filter({ hasText: `${prefix}svc/host` }),
    "and what changed after it",
  ).toContainText("created");
  await expect(rows, "nothing else in that folder changed").toHaveCount(2);
});

test.describe("a compacted revision", () => {
  // Reads at a compacted revision answer 410, which the browser logs.
  test.use({ expectedConsoleErrors: /status of 410/ });

  test("?revision=R of a compacted R: the banner says so and offers the oldest kept revision", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    // Its own etcd: compacting the shared one would cut other specs' history.
    const own = await startOwnGateway("time-travel");
    try {
      const put = async (value: string) => {
        const res = await fetch(`${own.url}/api/v1/kv`, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ key: "/tt/key", value }),
        });
        return ((await res.json()) as { kv: { modRevision: string } }).kv.modRevision;
      };
      const old = await put("v1");
      await put("v2");
      const kept = await put("v3");
      execFileSync("/usr/bin/etcdctl", [`--endpoints=${own.etcdEndpoint}`, "compact", kept], {
        env: { ...process.env, ETCDCTL_API: "3" },
      });

      await page.goto(`${own.url}/?key=${enc("/tt/key")}&revision=${old}`);
      const banner = page.getByRole("status", { name: "Past view" });
      await expect(banner, "the banner says the revision was compacted").toContainText(
        `Revision ${old} was compacted`,
      );
      await expect(banner, "and names the compact revision").toContainText(
        `compact revision ${kept}`,
      );
      await banner.getByRole("button", { name: `Oldest kept (${kept})` }).click();
      await expect(banner, "the oldest kept revision can be shown").toContainText(
        `As of revision ${kept}`,
      );
      await expect(page.getByLabel("Value", { exact: true }), "its value").toHaveText("v3");

      await banner.getByRole("button", { name: "Back to live" }).click();
      await expect(banner, "back to live").toBeHidden();
      // The key pane is drawn again once the live read arrives, which resets its tab: click
      // until the History tab stays selected.
      const historyTab = page.getByRole("tab", { name: "History" });
      await expect(async () => {
        await historyTab.click();
        await expect(historyTab).toHaveAttribute("aria-selected", "true", { timeout: 1_000 });
      }).toPass({ timeout: 10_000 });
      await expect(
        page.getByText(`History before revision ${kept} was compacted`),
        "the History tab says where history ends",
      ).toBeVisible();
    } finally {
      await page.goto("about:blank");
      await own.stop();
    }
  });
});

test("past view's selection: no write actions, exports that revision with covered keys once, emptied by a revision switch", async ({
  page,
  prefix,
}) => {
  const folder = `${prefix}sel/`;
  await putKey(`${folder}b`, "b-then");
  const then = (await put(`${folder}a`, "a-then")).modRevision;
  await putKey(`${folder}a`, "a-now");

  await page.goto(`/?prefix=${enc(folder)}&revision=${then}`);
  const item = (name: string) => page.getByRole("treeitem", { name, exact: true });
  await item("a").click();
  await item("b").click({ modifiers: ["ControlOrMeta"] });
  await item("sel").click({ modifiers: ["ControlOrMeta"] });
  const bar = page.getByRole("toolbar", { name: "Selection" });
  await expect(bar).toContainText("3 selected");
  for (const name of ["Move to…", "Copy to…", "Delete"]) {
    await expect(bar.getByRole("button", { name }), `no ${name} in the past`).toHaveCount(0);
  }

  await bar.getByRole("button", { name: "Export" }).click();
  const dialog = page.getByRole("dialog", { name: "Export selection" });
  const download = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Download export" }).click();
  const lines = fs
    .readFileSync(await (await download).path(), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(lines[0], "the export is of the viewed revision").toMatchObject({ revision: then });
  expect(
    lines.slice(1).map((l) => [l.key, l.value]),
    "each key once (the folder covers them), with its value then",
  ).toEqual([
    [`${folder}a`, "a-then"],
    [`${folder}b`, "b-then"],
  ]);
  await page.keyboard.press("Escape");

  await page
    .getByRole("status", { name: "Past view" })
    .getByRole("button", { name: "Back to live" })
    .click();
  await expect(page.getByRole("status", { name: "Past view" })).toBeHidden();
  await expect(bar, "a revision switch empties the selection").toBeHidden();
  await expect(item("b")).toHaveAttribute("aria-selected", "false");
});
