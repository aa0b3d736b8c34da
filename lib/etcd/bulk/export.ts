import "server-only";
import { isUtf8 } from "node:buffer";
import type { IKeyValue } from "etcd3";
import { EXPORT_FORMAT, type ExportHeaderLine, type ExportKeyLine } from "@/lib/contract";
import { encodeBytes } from "@/lib/format/bytes";
import { withAccess } from "../access";
import { leaseToHex } from "../bytes";
import { prefixRange } from "../range";
import { getEtcd } from "../client";
import { readKeysAt, readPrefixPinned } from "./pinned-reader";
import { MAX_TXN_OPS } from "./limits";

/** What to export: every key under each prefix, then each single key, in the order given. */
export type ExportSelection = { prefixes: Buffer[]; keys: Buffer[] };

/**
 * The base prefix of a selection: the single prefix asked for, else the longest common prefix
 * of every selected key and prefix, cut after its last `/` (import re-roots below it).
 */
export function basePrefix(sel: ExportSelection): Buffer {
  const all = [...sel.prefixes, ...sel.keys];
  if (sel.prefixes.length === 1 && sel.keys.length === 0) return sel.prefixes[0];
  if (!all.length) return Buffer.alloc(0);
  let n = all[0].length;
  for (const b of all) {
    let i = 0;
    while (i < n && i < b.length && b[i] === all[0][i]) i++;
    n = i;
  }
  const common = all[0].subarray(0, n);
  const slash = common.lastIndexOf(0x2f);
  return Buffer.from(common.subarray(0, slash + 1));
}

/**
 * An export as NDJSON lines (each ending in `\n`), generated lazily so the route streams it:
 * the header line, then one {@link ExportKeyLine} per key, all read at one revision (`revision`,
 * else the current one, learnt with one empty Txn before the header). Prefixes are read in
 * pages (readPrefixPinned, ≤ 1,000 keys / 16 MiB per page), single keys in Txns of ≤ 128
 * Ranges pinned to the revision; a key absent at that revision is skipped. Each distinct lease
 * costs one LeaseTimeToLive (its current remaining TTL; null when it is gone).
 * @returns the pinned revision, how many keys at most the lines will hold (a count-only Range
 *   per prefix plus the number of single keys; for progress bars) and the lines.
 * @throws GatewayError (from the first read, before any line) 410, 400 (future revision), 403, 503.
 */
export async function exportNdjson(
  sel: ExportSelection,
  revision?: string,
): Promise<{ revision: string; count: string; lines: AsyncGenerator<string> }> {
  const pinned = revision ?? (await readKeysAt([], undefined, true)).revision;
  if (revision) await readKeysAt([Buffer.from([0])], revision, true); // 410/400 before streaming
  const base = encodeBytes(basePrefix(sel));
  const header: ExportHeaderLine = {
    format: EXPORT_FORMAT,
    prefix: base.text,
    prefixEncoding: base.encoding,
    revision: pinned,
    exportedAt: new Date().toISOString(),
  };
  return {
    revision: pinned,
    count: await countKeys(sel, pinned),
    lines: generate(sel, pinned, header),
  };
}

async function countKeys(sel: ExportSelection, revision: string): Promise<string> {
  let count = BigInt(sel.keys.length);
  for (const prefix of sel.prefixes) {
    const range = prefixRange(prefix);
    const res = await withAccess({ prefix }, "read", () =>
      getEtcd().read.kv.range({
        key: range.key,
        range_end: range.rangeEnd,
        count_only: true,
        revision,
      }),
    );
    count += BigInt(res.count);
  }
  return count.toString();
}

async function* generate(
  sel: ExportSelection,
  revision: string,
  header: ExportHeaderLine,
): AsyncGenerator<string> {
  const ttl = leaseTtlCache();
  yield `${JSON.stringify(header)}\n`;
  for (const prefix of sel.prefixes) {
    for await (const page of readPrefixPinned(prefix, revision)) yield await linesOf(page, ttl);
  }
  for (let i = 0; i < sel.keys.length; i += MAX_TXN_OPS) {
    const batch = sel.keys.slice(i, i + MAX_TXN_OPS);
    const at = await readKeysAt(batch, revision);
    const kvs = batch.flatMap((k) => at.kvs.get(k.toString("latin1")) ?? []);
    if (kvs.length) yield await linesOf(kvs, ttl);
  }
}

/**
 * Bytes as the API's text + encoding (as encodeBytes does: UTF-8 text when valid, else base64),
 * through Node's native UTF-8 check and codecs: the export's hot path, several times faster than
 * the portable TextDecoder. Buffer's UTF-8 decoding keeps a leading BOM, as encodeBytes does.
 */
function encodeFast(bytes: Buffer): { text: string; encoding: "utf8" | "base64" } {
  return isUtf8(bytes)
    ? { text: bytes.toString("utf8"), encoding: "utf8" }
    : { text: bytes.toString("base64"), encoding: "base64" };
}

async function linesOf(kvs: IKeyValue[], ttl: (lease: string) => Promise<number | null>) {
  const out: string[] = [];
  for (const kv of kvs) {
    const key = encodeFast(kv.key);
    const value = encodeFast(kv.value ?? Buffer.alloc(0));
    const lease = leaseToHex(kv.lease);
    const line: ExportKeyLine = {
      key: key.text,
      keyEncoding: key.encoding,
      value: value.text,
      valueEncoding: value.encoding,
      createRevision: String(kv.create_revision),
      modRevision: String(kv.mod_revision),
      version: String(kv.version),
      lease,
      ttl: lease ? await ttl(String(kv.lease)) : null,
    };
    out.push(JSON.stringify(line));
  }
  return `${out.join("\n")}\n`;
}

/** LeaseTimeToLive once per lease (decimal ID) per export → remaining seconds, null when gone. */
function leaseTtlCache(): (lease: string) => Promise<number | null> {
  const seen = new Map<string, Promise<number | null>>();
  return (lease) => {
    let ttl = seen.get(lease);
    if (!ttl) {
      ttl = getEtcd()
        .read.leaseClient.leaseTimeToLive({ ID: lease })
        .then((res) => (Number(res.TTL) > 0 ? Number(res.TTL) : null));
      seen.set(lease, ttl);
    }
    return ttl;
  };
}
