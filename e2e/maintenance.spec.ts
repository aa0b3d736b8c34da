import { execFileSync } from "node:child_process";
import { Etcd3 } from "etcd3";
import { ETCDCTL_BIN } from "../scripts/lib/etcd-process.mjs";
import { expect, test } from "./fixtures";
import { startOwnGateway } from "./own-gateway";

// Its own etcd and gateway: compacting the shared etcd would cut the history other specs replay.
test("cluster maintenance: compact with its preview, defragment with sizes, snapshot download", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const own = await startOwnGateway("maintenance");
  const raw = new Etcd3({ hosts: own.etcdEndpoint });
  try {
    const big = Buffer.alloc(256 * 1024, 1);
    for (let i = 0; i < 16; i++) await raw.put(`/m/${i}`).value(big).exec();
    await raw.delete().prefix("/m/").exec();
    const { header } = await raw.put("/m-last").value("x").exec();
    const current = header.revision;

    await page.goto(`${own.url}/cluster`);
    const panel = page.getByRole("region", { name: "Maintenance" });
    await panel.getByRole("button", { name: "Compact…" }).click();
    const compact = page.getByRole("dialog", { name: "Compact history" });
    const preview = compact.getByLabel("Compaction preview");
    await expect(preview, "the current revision").toContainText(current);
    await expect(preview, "never compacted").toContainText("never");
    const gone = BigInt(current) - 1n;
    await expect(compact.getByLabel("History discarded")).toContainText(`${gone} revisions`);
    await compact.getByRole("button", { name: `Compact at ${current}` }).click();
    await expect(compact.getByRole("status")).toContainText(`Compacted at revision ${current}`);
    await expect(raw.kv.range({ key: Buffer.from("/m/0"), revision: "2" })).rejects.toThrow(
      /compacted/,
    );
    await compact.getByRole("button", { name: "Cancel" }).click();

    const member = panel.getByRole("row", { name: /Maintenance of/ });
    await member.getByRole("button", { name: "Defragment…" }).click();
    const defrag = page.getByRole("dialog", { name: /^Defragment / });
    await expect(defrag, "it warns that the member blocks").toContainText(
      "blocks reads and writes",
    );
    await defrag.getByRole("button", { name: "Defragment this member" }).click();
    await expect(defrag.getByRole("status")).toContainText(/DB size [\d.]+ \w+ → [\d.]+ \w+/);
    await defrag.getByRole("button", { name: "Cancel" }).click();

    const download = page.waitForEvent("download");
    await panel.getByRole("link", { name: "Download snapshot (leader)" }).click();
    const file = await (await download).path();
    const status = JSON.parse(
      execFileSync(ETCDCTL_BIN, ["snapshot", "status", file, "-w", "json"], {
        env: { ...process.env, ETCDCTL_API: "3" },
      }).toString(),
    );
    expect(status.totalKey).toBeGreaterThan(0);
  } finally {
    raw.close();
    await page.goto("about:blank");
    await own.stop();
  }
});
