import { execFileSync } from "node:child_process";
import path from "node:path";
import { Etcd3 } from "etcd3";
import { ETCD_ENDPOINTS, expect, openKey, test } from "./fixtures";

// The gateway refuses writes under /registry/ (403 registry_protected), so these tests seed
// etcd directly, as kube-apiserver would, and clean up the same way.
// Made in beforeAll, not at import: with fullyParallel a worker may run afterAll and then
// another test of this file, which would find a closed client.
let etcd: Etcd3;
test.beforeAll(() => {
  etcd = new Etcd3({ hosts: ETCD_ENDPOINTS.split(",") });
});
test.afterAll(() => etcd.close());

/**
 * The bytes kube-apiserver would store for `object`, from the project's encoder (run through
 * tsx: Playwright's loader cannot import the encoder's JSON schema chunks).
 */
function encode(object: object): Buffer {
  const root = path.resolve(__dirname, "..");
  const out = execFileSync(
    path.join(root, "node_modules/.bin/tsx"),
    [path.join(root, "scripts/kubernetes/encode-cli.ts")],
    { input: JSON.stringify(object), encoding: "utf8" },
  );
  return Buffer.from(out, "base64");
}

/** A namespace name unique to the test, so parallel tests never share /registry/ keys. */
const uniqueNs = (prefix: string) =>
  `e2e-${prefix
    .slice(5, -1)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")}`;

test("a Pod under /registry/pods shows as YAML with its kind and name, read-only", async ({
  page,
  prefix,
}) => {
  const ns = uniqueNs(prefix);
  const key = `/registry/pods/${ns}/web-0`;
  const pod = {
    kind: "Pod",
    apiVersion: "v1",
    metadata: { name: "web-0", namespace: ns, labels: { app: "web" } },
    spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] },
  };
  await etcd.put(key).value(encode(pod));
  try {
    await openKey(page, key);
    await expect(page.getByLabel("Kind", { exact: true }), "the header names the kind").toHaveText(
      "Pod",
    );
    await expect(page.getByLabel("Namespace/name"), "the header names namespace/name").toHaveText(
      `${ns}/web-0`,
    );
    const modRevision = (await etcd.get(key).exec()).kvs[0].mod_revision;
    await expect(
      page.getByLabel("resourceVersion"),
      "resourceVersion is the key's mod_revision",
    ).toHaveText(modRevision);
    const yaml = page.getByLabel("Object (YAML)");
    await expect(yaml, "the object shows as YAML by default").toContainText("kind: Pod");
    await expect(yaml, "with its namespace").toContainText(`namespace: ${ns}`);
    await expect(yaml, "and its containers").toContainText("image: nginx:1.27");
    await expect(
      page.getByRole("button", { name: "Edit" }),
      "a Kubernetes object offers no Edit button",
    ).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Delete" }), "nor Delete").toHaveCount(0);
    await expect(
      page.getByRole("note", { name: "Read-only Kubernetes object" }),
      "the pane says why",
    ).toContainText("bypasses the API server");
    await page.getByRole("button", { name: "JSON", exact: true }).click();
    await expect(
      page.getByLabel("Object (JSON)"),
      "JSON on request, as kubectl -o json",
    ).toContainText('"kind": "Pod"');
    await expect(
      page.getByRole("treeitem", { name: "web-0", exact: true }).getByTestId("kind-badge"),
      "the tree row shows the kind from the key's path",
    ).toHaveText("Pod");
  } finally {
    await etcd.delete().key(key);
  }
});

test("an encrypted Secret shows its provider and key name, the ciphertext as hex", async ({
  page,
  prefix,
}) => {
  const key = `/registry/secrets/${uniqueNs(prefix)}/db`;
  await etcd
    .put(key)
    .value(
      Buffer.concat([
        Buffer.from("k8s:enc:aescbc:v1:key1:"),
        Buffer.from([0xde, 0xad, 0xbe, 0xef]),
      ]),
    );
  try {
    await openKey(page, key);
    const label = page.getByRole("status").filter({ hasText: "Encrypted by" });
    await expect(label, "the value is labelled with provider and key").toContainText(
      "Encrypted by aescbc, key key1",
    );
    await expect(page.getByLabel("Provider")).toHaveText("aescbc");
    await expect(page.getByLabel("Key name")).toHaveText("key1");
    await expect(
      page.getByLabel("Ciphertext (hex)"),
      "the ciphertext shows as hex, not text",
    ).toContainText("de ad be ef");
  } finally {
    await etcd.delete().key(key);
  }
});

test("a Secret's data is masked until revealed", async ({ page, prefix }) => {
  const ns = uniqueNs(prefix);
  const key = `/registry/secrets/${ns}/token`;
  const secret = {
    kind: "Secret",
    apiVersion: "v1",
    metadata: { name: "token", namespace: ns },
    data: { token: Buffer.from("s3cr3t-value").toString("base64") },
    type: "Opaque",
  };
  await etcd.put(key).value(encode(secret));
  try {
    await openKey(page, key);
    const yaml = page.getByLabel("Object (YAML)");
    await expect(yaml, "the data value is hidden, its size shown").toContainText(
      "token: (hidden, 12 bytes)",
    );
    await expect(yaml, "the base64 value is not in the page").not.toContainText(secret.data.token);
    await page.getByRole("button", { name: "Reveal secret data" }).click();
    await expect(yaml, "revealed on request").toContainText(`token: ${secret.data.token}`);
  } finally {
    await etcd.delete().key(key);
  }
});

test("no restore is offered for /registry/ keys: not in History, not in What changed", async ({
  page,
  prefix,
}) => {
  const ns = uniqueNs(prefix);
  const folder = `/registry/configmaps/${ns}/`;
  const key = `${folder}settings`;
  const gone = `${folder}gone`;
  const first = await etcd.put(key).value("v1").exec();
  await etcd.put(key).value("v2");
  await etcd.put(gone).value("bye");
  const from = (await etcd.get(gone).exec()).header.revision;
  await etcd.delete().key(gone);
  try {
    await openKey(page, key);
    await page.getByRole("tab", { name: "History" }).click();
    const table = page.getByRole("table", { name: "Versions" });
    await expect(
      table.getByRole("row", { name: `Revision ${first.header.revision}` }),
      "the older version is listed",
    ).toBeVisible();
    await expect(
      page.getByRole("button", { name: "Restore this version" }),
      "but not offered for restore: the gateway refuses writes under /registry/",
    ).toHaveCount(0);

    await page.goto(`/?view=changes&prefix=${encodeURIComponent(folder)}&from=${from}`);
    const list = page.getByRole("list", { name: "Changed keys" });
    await expect(
      list.getByRole("listitem", { name: `deleted ${gone}` }),
      "the delete is listed",
    ).toBeVisible();
    await expect(list.getByRole("checkbox"), "with no tick box to restore it").toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Restore .* selected/ })).toHaveCount(0);
    await expect(page.getByRole("checkbox", { name: /Select all deleted keys/ })).toHaveCount(0);
  } finally {
    await etcd.delete().prefix(folder);
  }
});
