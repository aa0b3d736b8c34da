import type { Page } from "@playwright/test";
import { api, etcdctl, expect, openKey, putKey, test } from "./fixtures";

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
  ).toContainText('"v": "theirs"');
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
