import { api, etcdctl, expect, putKey, test } from "./fixtures";

test("create a key with a TTL from the selected folder", async ({ page, prefix }) => {
  await putKey(`${prefix}svc/existing`, "x");
  await page.goto(`/?prefix=${encodeURIComponent(`${prefix}svc/`)}`);
  await page.getByRole("button", { name: "New key here" }).click();
  const dialog = page.getByRole("dialog", { name: "Create key" });
  const keyBox = dialog.getByRole("textbox", { name: "Key", exact: true });
  await expect(keyBox, "the key starts with the selected folder's prefix").toHaveValue(
    `${prefix}svc/`,
  );
  await keyBox.fill(`${prefix}svc/instance-1`);
  await dialog.getByRole("textbox", { name: "Value", exact: true }).fill("10.0.0.1:8080");
  await dialog.getByRole("textbox", { name: "TTL in seconds" }).fill("120");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog, "the dialog closes once the key exists").toBeHidden();
  await expect(page.getByLabel("Value", { exact: true }), "the new key opens").toHaveText(
    "10.0.0.1:8080",
  );
  await expect(
    page.getByLabel("lease", { exact: true }),
    "the new key is bound to a lease",
  ).not.toHaveText("none");

  const kv = (await api(`/kv?key=${encodeURIComponent(`${prefix}svc/instance-1`)}`)).body.kv;
  expect(kv?.lease, "etcd has the key with a lease").toMatch(/^[0-9a-f]+$/);
  const ttl = /remaining\((\d+)s\)/.exec(etcdctl("lease", "timetolive", String(kv?.lease)))?.[1];
  expect(Number(ttl), "the lease's TTL is the 120 s asked for").toBeGreaterThan(100);
  expect(Number(ttl), "the lease's TTL is the 120 s asked for").toBeLessThanOrEqual(120);
});

test("creating a key that already exists is refused", async ({ page, prefix }) => {
  await putKey(`${prefix}taken`, "first");
  await page.goto("/");
  await page.getByRole("button", { name: "+ New key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create key" });
  await dialog.getByRole("textbox", { name: "Key", exact: true }).fill(`${prefix}taken`);
  await dialog.getByRole("textbox", { name: "Value", exact: true }).fill("second");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByRole("alert"), "the dialog says the key already exists").toContainText(
    "already exists",
  );
  const kv = (await api(`/kv?key=${encodeURIComponent(`${prefix}taken`)}`)).body.kv;
  expect(kv?.value, "the existing value is untouched").toBe("first");
});

test("delete a key after confirming", async ({ page, prefix }) => {
  await putKey(`${prefix}gone`, "bye");
  await page.goto(`/?key=${encodeURIComponent(`${prefix}gone`)}`);
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Delete key" });
  await dialog.getByRole("button", { name: "Delete key" }).click();
  await expect(dialog, "the confirmation closes").toBeHidden();
  await expect(page.getByText("Select a key in the tree"), "the pane is empty again").toBeVisible();
  const res = await api(`/kv?key=${encodeURIComponent(`${prefix}gone`)}`);
  expect(res.status, "the key is gone from etcd").toBe(404);
});

test("delete a folder: the count is shown and the prefix must be typed", async ({
  page,
  prefix,
}) => {
  const folder = `${prefix}doomed/`;
  await Promise.all([
    putKey(`${folder}a`, "1"),
    putKey(`${folder}b`, "2"),
    putKey(`${folder}sub/c`, "3"),
    putKey(`${prefix}doomed-sibling`, "stays"),
  ]);
  await page.goto(`/?prefix=${encodeURIComponent(folder)}`);
  await page.getByRole("button", { name: "Delete folder" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete folder" });
  await expect(dialog.getByRole("status"), "the dialog says how many keys will go").toHaveText(
    "3 keys will be deleted.",
  );
  const confirm = dialog.getByRole("button", { name: "Delete folder" });
  await expect(confirm, "deleting needs the typed prefix first").toBeDisabled();
  await dialog.getByRole("textbox", { name: /Type the folder prefix/ }).fill(`${prefix}doomed`);
  await expect(confirm, "a partial prefix does not unlock it").toBeDisabled();
  await dialog.getByRole("textbox", { name: /Type the folder prefix/ }).fill(folder);
  await confirm.click();
  await expect(dialog, "the dialog closes after deleting").toBeHidden();
  await expect(
    page.getByRole("treeitem", { name: "doomed", exact: true }),
    "the folder leaves the tree",
  ).toHaveCount(0);
  const left = await api(`/range?prefix=${encodeURIComponent(folder)}&countOnly=1`);
  expect(left.body.count, "no key is left under the folder").toBe("0");
  const sibling = await api(`/kv?key=${encodeURIComponent(`${prefix}doomed-sibling`)}`);
  expect(sibling.status, "a key that merely shares the name stays").toBe(200);
});

/**
 * Top-level names for the root-delete tests: `!` sorts before every letter, digit and `/`, so
 * these come first among the root's children (the dialog lists only the first few) even while
 * other tests write to the shared etcd. Removed again in `finally`, as the fixture's cleanup
 * only covers its own prefix.
 */
function rootProbe(testId: string): string {
  return `!e2e-root-${Date.now().toString(36)}-${testId.slice(0, 6)}`;
}

test("deleting '/' lists the top-level folders and needs the phrase, not just '/'", async ({
  page,
}, testInfo) => {
  const probe = `/${rootProbe(testInfo.testId)}`;
  const top = `${probe}/`;
  // Eleven more top-level folders, sorting after `top` ("~" > "/"): more than the dialog lists.
  const extras = Array.from({ length: 11 }, (_, i) => `${probe}~${String(i).padStart(2, "0")}/`);
  try {
    await Promise.all([
      putKey(`${top}a`, "1"),
      putKey(`${top}b`, "2"),
      putKey(`${top}sub/c`, "3"),
      ...extras.map((x) => putKey(`${x}k`, "x")),
    ]);
    await page.goto(`/?prefix=${encodeURIComponent("/")}`);
    await page.getByRole("button", { name: "Delete folder" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete everything" });
    const listed = dialog.getByRole("list", { name: /Top-level folders and keys/ });
    await expect(
      listed.getByRole("listitem").filter({ hasText: top }),
      "the top-level folder under / is listed with its key count",
    ).toHaveText(`${top}3 keys`);
    await expect(listed.getByRole("listitem"), "only the first 10 are listed").toHaveCount(10);
    await expect(
      listed.getByRole("listitem").filter({ hasText: extras[10] }),
      "the 12th is not",
    ).toHaveCount(0);
    await expect(dialog, "the rest are summed up").toContainText(
      /…and \d+\+? more top-level entries\./,
    );
    const confirm = dialog.getByRole("button", { name: "Delete everything" });
    const phrase = dialog.getByRole("textbox", { name: /Type the phrase/ });
    await expect(confirm, "nothing typed: disabled").toBeDisabled();
    await phrase.fill("/");
    await expect(confirm, "typing the prefix '/' is not enough").toBeDisabled();
    await phrase.fill("delete everythin");
    await expect(confirm, "a partial phrase is not enough").toBeDisabled();
    await phrase.fill("delete everything");
    await expect(confirm, "the phrase unlocks it").toBeEnabled();
    // Not clicked: the e2e etcd is shared with tests running in parallel.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    const kept = await api(`/range?prefix=${encodeURIComponent(top)}&countOnly=1`);
    expect(kept.body.count, "cancelling deletes nothing").toBe("3");
  } finally {
    await api(`/kv?prefix=${encodeURIComponent(probe)}`, { method: "DELETE" });
  }
});

test("the empty prefix (?prefix=) opens the whole keyspace; deleting it lists the top level", async ({
  page,
  prefix,
}, testInfo) => {
  const top = `${rootProbe(testInfo.testId)}/`;
  try {
    await Promise.all([putKey(`${top}a`, "1"), putKey(`${prefix}x`, "2")]);
    await page.goto("/?prefix=");
    await expect(page.getByRole("heading", { name: "All keys (the empty prefix)" })).toBeVisible();
    await page.getByRole("button", { name: "Delete folder" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete everything" });
    await expect(dialog, "the dialog says it is the whole keyspace").toContainText(
      "every key in etcd",
    );
    const items = dialog
      .getByRole("list", { name: /Top-level folders and keys/ })
      .getByRole("listitem");
    await expect(
      items.filter({ hasText: top }),
      "a top-level folder without a leading / is listed with its count",
    ).toHaveText(`${top}1 key`);
    await expect(
      items.filter({ hasText: /^\/\d/ }),
      "so is the / folder every other test key lives in, with its count",
    ).toHaveCount(1);
    const confirm = dialog.getByRole("button", { name: "Delete everything" });
    const phrase = dialog.getByRole("textbox", { name: /Type the phrase/ });
    await phrase.fill("/");
    await expect(confirm, "typing '/' is not enough").toBeDisabled();
    await phrase.fill("");
    await expect(confirm, "nor is typing nothing (the empty prefix itself)").toBeDisabled();
    await phrase.fill("delete everything");
    await expect(confirm, "the phrase unlocks it").toBeEnabled();
  } finally {
    await api(`/kv?prefix=${encodeURIComponent(top)}`, { method: "DELETE" });
  }
});
