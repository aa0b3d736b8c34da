import type { Page } from "@playwright/test";
import { Etcd3 } from "etcd3";
import { api, ETCD_ENDPOINTS, etcdctl, expect, openKey, putKey, test } from "./fixtures";

// A raw etcd client, to write and read back exact bytes behind the gateway's back.
let etcd: Etcd3;
test.beforeAll(() => {
  etcd = new Etcd3({ hosts: ETCD_ENDPOINTS.split(",") });
});
test.afterAll(() => etcd.close());

/** The key's bytes as etcd holds them, as a latin1 string (one char per byte, readable diffs). */
async function rawValue(key: string): Promise<string | undefined> {
  return (await etcd.get(key).buffer())?.toString("latin1");
}

/** Open the key's editor and wait until CodeMirror is ready. */
async function startEditing(page: Page, key: string) {
  await openKey(page, key);
  await page.getByRole("button", { name: "Edit" }).click();
  await expect(page.getByRole("textbox", { name: "Value editor" })).toBeVisible();
}

/** Replace the CodeMirror editor's whole text with `text`. */
async function typeInEditor(page: Page, text: string) {
  const editor = page.getByRole("textbox", { name: "Value editor" });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
}

/** The key's current value as the API reads it. */
async function valueOf(key: string): Promise<unknown> {
  return (await api(`/kv?key=${encodeURIComponent(key)}`)).body.kv?.value;
}

test("edit a JSON value: invalid JSON is refused inline, valid JSON saves and keeps the lease", async ({
  page,
  prefix,
}) => {
  const key = `${prefix}edit.json`;
  const lease = /lease ([0-9a-f]+) granted/.exec(etcdctl("lease", "grant", "600"))?.[1] ?? "";
  etcdctl("put", `--lease=${lease}`, key, '{"a":1}');
  await openKey(page, key);
  await expect(
    page.getByLabel("lease", { exact: true }),
    "the key's lease is shown in hex",
  ).toHaveText(lease);
  await page.getByRole("button", { name: "Edit" }).click();
  await typeInEditor(page, '{"a": 2,');
  await page.getByRole("button", { name: "Save" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Invalid JSON" }),
    "a JSON error is shown under the editor",
  ).toBeVisible();
  expect(await valueOf(key), "nothing was written").toBe('{"a":1}');

  await typeInEditor(page, '{"a": 2}');
  await page.getByRole("button", { name: "Save" }).click();
  await expect(
    page.getByLabel("Value", { exact: true }),
    "the saved value shows, pretty-printed",
  ).toHaveText('{\n  "a": 2\n}');
  await expect(page.getByLabel("version", { exact: true }), "the version went up").toHaveText("2");
  const after = await api(`/kv?key=${encodeURIComponent(key)}`);
  expect(after.body.kv?.value, "etcd holds the new value").toBe('{"a": 2}');
  expect(after.body.kv?.lease, "the save kept the key's lease").toBe(lease);
});

test("a save after the key changed underneath shows the conflict dialog; overwrite wins", async ({
  page,
  prefix,
}) => {
  const key = `${prefix}conflict.json`;
  await putKey(key, '{"v":"original"}');
  await openKey(page, key);
  await page.getByRole("button", { name: "Edit" }).click();
  await typeInEditor(page, '{"v":"mine"}');
  etcdctl("put", key, '{"v":"theirs"}');
  await page.getByRole("button", { name: "Save" }).click();

  const dialog = page.getByRole("dialog", { name: "Conflict: the key changed" });
  await expect(dialog, "a conflict dialog explains the key changed").toBeVisible();
  await expect(
    dialog.getByRole("region", { name: "Current value in etcd" }),
    "the current value is shown",
  ).toContainText('{"v":"theirs"}');
  await expect(
    dialog.getByRole("region", { name: "Your version" }),
    "the user's text is shown beside it",
  ).toContainText('{"v":"mine"}');
  expect(await valueOf(key), "etcd still holds the other writer's value").toBe('{"v":"theirs"}');

  await dialog.getByRole("button", { name: "Overwrite with my version" }).click();
  await expect(dialog, "the dialog closes after overwriting").toBeHidden();
  await expect(
    page.getByLabel("Value", { exact: true }),
    "the user's value is shown",
  ).toContainText('"v": "mine"');
  expect(await valueOf(key), "etcd now holds the user's value").toBe('{"v":"mine"}');
});

test("after a conflict the user can keep editing on top of the new revision", async ({
  page,
  prefix,
}) => {
  const key = `${prefix}keep.txt`;
  await putKey(key, "one");
  await openKey(page, key);
  await page.getByRole("button", { name: "Edit" }).click();
  await typeInEditor(page, "mine");
  etcdctl("put", key, "theirs");
  await page.getByRole("button", { name: "Save" }).click();
  const dialog = page.getByRole("dialog", { name: "Conflict: the key changed" });
  await dialog.getByRole("button", { name: "Keep editing" }).click();
  await expect(dialog, "the dialog closes").toBeHidden();
  await expect(
    page.getByRole("textbox", { name: "Value editor" }),
    "the user's text is still in the editor",
  ).toHaveText("mine");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(
    page.getByLabel("Value", { exact: true }),
    "the save goes through on the new revision",
  ).toHaveText("mine");
  expect(await valueOf(key), "etcd holds the user's value").toBe("mine");
});

test("switching to another key mid-edit keeps the unsaved text", async ({ page, prefix }) => {
  await putKey(`${prefix}draft/one`, "first");
  await putKey(`${prefix}draft/two`, "second");
  await openKey(page, `${prefix}draft/one`);
  await page.getByRole("button", { name: "Edit" }).click();
  await typeInEditor(page, "half-typed");
  await page.getByRole("treeitem", { name: "two", exact: true }).click();
  await expect(page.getByLabel("Value", { exact: true }), "the other key opens").toHaveText(
    "second",
  );
  await page.getByRole("treeitem", { name: "one", exact: true }).click();
  await expect(
    page.getByRole("textbox", { name: "Value editor" }),
    "coming back shows the editor with the unsaved text",
  ).toHaveText("half-typed");
  await expect(
    page.getByText("Your unsaved edit of this key was restored."),
    "the user is told",
  ).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByLabel("Value", { exact: true }), "cancel drops the draft").toHaveText(
    "first",
  );
});

test("an edit changes only the typed bytes: CRLF line endings stay CRLF", async ({
  page,
  prefix,
}) => {
  const key = `${prefix}crlf.txt`;
  await etcd.put(key).value(Buffer.from("line1\r\nline2\r\n"));
  await startEditing(page, key);
  await page.getByRole("textbox", { name: "Value editor" }).click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type("X");
  // And inside a line that holds a CR (shown as a placeholder), after "lin".
  await page.keyboard.press("ControlOrMeta+Home");
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await page.keyboard.type("Y");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(
    page.getByLabel("Value", { exact: true }),
    "the save closes the editor",
  ).toBeVisible();
  expect(await rawValue(key), "every CR is kept; only X and Y are new").toBe(
    "linYe1\r\nline2\r\nX",
  );
});

test("a protobuf-like value that is valid UTF-8 (CR bytes, tab, U+2028) stays byte-exact", async ({
  page,
  prefix,
}) => {
  const key = `${prefix}proto`;
  // Field 1, length 0x0d (a CR byte), then text holding a lone CR, a tab and a LINE SEPARATOR.
  const original = Buffer.concat([
    Buffer.from([0x0a, 0x0d]),
    Buffer.from("hi\rthere\t\u2028ok\r\n\n", "utf8"),
  ]);
  await etcd.put(key).value(original);
  await openKey(page, key);
  await expect(
    page.getByLabel("Detected format"),
    "it is text, so it is edited as text",
  ).toHaveText("Text");
  await startEditing(page, key);
  await page.getByRole("textbox", { name: "Value editor" }).click();
  await page.keyboard.press("ControlOrMeta+Home");
  await page.keyboard.type("X");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(
    page.getByLabel("Value", { exact: true }),
    "the save closes the editor",
  ).toBeVisible();
  expect(await rawValue(key), "only the typed X was added").toBe(
    Buffer.concat([Buffer.from("X"), original]).toString("latin1"),
  );
});

test("values that are not text are edited as base64, never as text", async ({ page, prefix }) => {
  // A Kubernetes protobuf object: valid UTF-8, but the k8s\0 magic and control bytes.
  const k8s = Buffer.concat([
    Buffer.from("k8s\0", "latin1"),
    Buffer.from([0x0a, 0x0b]),
    Buffer.from("v1"),
    Buffer.from([0x12, 0x03]),
    Buffer.from("Pod"),
  ]);
  await etcd.put(`${prefix}k8s`).value(k8s);
  await openKey(page, `${prefix}k8s`);
  await expect(page.getByLabel("Detected format"), "shown as binary").toHaveText("Binary");
  await startEditing(page, `${prefix}k8s`);
  const editor = page.getByRole("textbox", { name: "Value editor" });
  await expect(editor, "the editor holds the bytes as base64").toHaveText(k8s.toString("base64"));
  await expect(page.getByRole("note"), "the user is told why").toContainText("Kubernetes");
  const changed = Buffer.concat([k8s.subarray(0, k8s.length - 3), Buffer.from("Job")]);
  await typeInEditor(page, changed.toString("base64"));
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByLabel("Value (hex)"), "the save closes the editor").toBeVisible();
  expect(await rawValue(`${prefix}k8s`), "exactly the bytes given as base64").toBe(
    changed.toString("latin1"),
  );

  const invalid = Buffer.from([0xff, 0xfe, 0x0d, 0x0a, 0x41]);
  await etcd.put(`${prefix}invalid`).value(invalid);
  await startEditing(page, `${prefix}invalid`);
  await expect(editor, "invalid UTF-8 is edited as base64").toHaveText(invalid.toString("base64"));
  await expect(page.getByRole("note"), "the user is told why").toContainText("not valid UTF-8");
});

test("a key deleted underneath keeps the draft; Save offers to create it with the draft", async ({
  page,
  prefix,
}) => {
  const key = `${prefix}gone.txt`;
  await putKey(key, "original");
  await startEditing(page, key);
  await typeInEditor(page, "my draft");
  etcdctl("del", key);
  const editor = page.getByRole("textbox", { name: "Value editor" });
  await expect(
    page.getByLabel("Deleted underneath"),
    "the live watch marks the key as deleted",
  ).toContainText("deleted by someone else");
  await expect(editor, "the draft stays in the editor").toHaveText("my draft");

  const refetched = page.waitForResponse(
    (r) => r.url().includes("/api/v1/kv?") && r.request().method() === "GET" && r.status() === 404,
  );
  await page.getByRole("button", { name: "Save" }).click();
  const dialog = page.getByRole("dialog", { name: "Conflict: the key was deleted" });
  await expect(dialog, "the save says the key was deleted").toBeVisible();
  await refetched;
  await expect(dialog, "the dialog stays after the key reads as not found").toBeVisible();
  await expect(editor, "the draft is still there").toHaveText("my draft");
  expect(await rawValue(key), "nothing was written").toBeUndefined();

  await dialog.getByRole("button", { name: "Create with my draft" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel("Value", { exact: true }), "the created key shows").toHaveText(
    "my draft",
  );
  const res = await etcd.get(key).exec();
  expect(res.kvs[0]?.value.toString(), "etcd holds the draft").toBe("my draft");
  expect(res.kvs[0]?.version, "as a new key (version 1)").toBe("1");
});

test("create-only after a delete falls into the conflict dialog when someone re-created the key", async ({
  page,
  prefix,
}) => {
  const key = `${prefix}again.txt`;
  await putKey(key, "original");
  await startEditing(page, key);
  await typeInEditor(page, "mine");
  etcdctl("del", key);
  await page.getByRole("button", { name: "Save" }).click();
  const deleted = page.getByRole("dialog", { name: "Conflict: the key was deleted" });
  await expect(deleted).toBeVisible();
  etcdctl("put", key, "theirs");
  await deleted.getByRole("button", { name: "Create with my draft" }).click();
  const changed = page.getByRole("dialog", { name: "Conflict: the key changed" });
  await expect(changed, "the create-only save conflicts with the re-created key").toBeVisible();
  await expect(changed.getByLabel("Differences"), "their value is shown").toContainText("theirs");
  expect(await rawValue(key), "the other writer's value was not overwritten").toBe("theirs");
});

test("a deleted key's draft survives leaving the key and coming back; Discard drops it", async ({
  page,
  prefix,
}) => {
  const key = `${prefix}left.txt`;
  await putKey(key, "original");
  await putKey(`${prefix}other`, "other value");
  await startEditing(page, key);
  await typeInEditor(page, "kept draft");
  etcdctl("del", key);
  await expect(page.getByLabel("Deleted underneath")).toBeVisible();
  await page.getByRole("treeitem", { name: "other", exact: true }).click();
  await expect(page.getByLabel("Value", { exact: true })).toHaveText("other value");
  await page.goBack();
  await expect(
    page.getByRole("textbox", { name: "Value editor" }),
    "the editor comes back with the draft, not 'Key not found'",
  ).toHaveText("kept draft");
  await expect(page.getByLabel("Deleted underneath")).toContainText("deleted by someone else");
  await page.getByRole("button", { name: "Discard draft" }).click();
  await expect(
    page.getByText("Key not found"),
    "after discarding, the key reads as gone",
  ).toBeVisible();
});

test("the conflict dialog shows a line diff; Keep editing keeps their value in view until saved", async ({
  page,
  prefix,
}) => {
  const key = `${prefix}diff.txt`;
  await putKey(key, "alpha\nbeta\ngamma\n");
  await startEditing(page, key);
  await typeInEditor(page, "alpha\nbeta mine\ngamma\n");
  etcdctl("put", key, "alpha\nbeta theirs\ngamma\n");
  await page.getByRole("button", { name: "Save" }).click();
  const dialog = page.getByRole("dialog", { name: "Conflict: the key changed" });
  const diff = dialog.getByLabel("Differences");
  await expect(
    diff.getByText("- beta theirs", { exact: true }),
    "their line is removed",
  ).toBeVisible();
  await expect(diff.getByText("+ beta mine", { exact: true }), "my line is added").toBeVisible();
  await expect(
    diff.getByText("  alpha", { exact: true }),
    "unchanged lines are context",
  ).toBeVisible();

  await dialog.getByRole("button", { name: "Keep editing" }).click();
  await expect(dialog).toBeHidden();
  const theirs = page.getByRole("region", { name: "Their version" });
  await expect(theirs, "their value stays visible beside the draft").toContainText("beta theirs");
  await expect(page.getByRole("textbox", { name: "Value editor" })).toContainText("beta mine");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByLabel("Value", { exact: true }), "the save goes through").toContainText(
    "beta mine",
  );
  await expect(theirs, "gone after the save").toBeHidden();
  expect(await rawValue(key)).toBe("alpha\nbeta mine\ngamma\n");
});
