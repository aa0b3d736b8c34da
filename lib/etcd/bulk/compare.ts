import "server-only";
import type { IKeyValue } from "etcd3";
import {
  MAX_COMPARE_KEYS,
  type CompareEntry,
  type CompareResponse,
  type CompareStatus,
} from "@/lib/contract";
import { encodeBytes } from "@/lib/format/bytes";
import { toKvDto } from "../kv-dto";
import { byteKey, readPrefixPinned } from "./pinned-reader";

/** One side of a comparison: every key under `prefix` at `revision` (default: now). */
export type CompareSide = { prefix: Buffer; revision?: string };

/** The keys of one side, by relative key, at its pinned revision; `truncated` past the cap. */
async function readSide(side: CompareSide) {
  const kvs = new Map<string, IKeyValue>();
  let revision = side.revision ?? "";
  let truncated = false;
  for await (const page of readPrefixPinned(side.prefix, side.revision, (r) => (revision = r))) {
    for (const kv of page) {
      if (kvs.size >= MAX_COMPARE_KEYS) {
        truncated = true;
        break;
      }
      kvs.set(byteKey(kv.key.subarray(side.prefix.length)), kv);
    }
    if (truncated) break;
  }
  return { kvs, revision, truncated };
}

/**
 * Compare every key under `left.prefix` with every key under `right.prefix` by the part after
 * the prefix, each side read at its own pinned revision (one prefix at two revisions works the
 * same way): `only-left`, `only-right`, `different` (value bytes differ) or `same`; entries in
 * byte order of the relative key. At most {@link MAX_COMPARE_KEYS} keys per side are read
 * (`truncated`). Values are carried for the first three statuses only.
 * @throws GatewayError 410 (a compacted revision), 400 (a future one), 403, 503/504.
 */
export async function comparePrefixes(
  left: CompareSide,
  right: CompareSide,
): Promise<CompareResponse> {
  const [l, r] = [await readSide(left), await readSide(right)];
  const names = [...new Set([...l.kvs.keys(), ...r.kvs.keys()])].sort((a, b) =>
    Buffer.compare(Buffer.from(a, "latin1"), Buffer.from(b, "latin1")),
  );
  const counts: Record<CompareStatus, number> = {
    "only-left": 0,
    "only-right": 0,
    different: 0,
    same: 0,
  };
  const entries = names.map((name): CompareEntry => {
    const a = l.kvs.get(name);
    const b = r.kvs.get(name);
    const status: CompareStatus = !b
      ? "only-left"
      : !a
        ? "only-right"
        : Buffer.compare(a.value ?? Buffer.alloc(0), b.value ?? Buffer.alloc(0)) === 0
          ? "same"
          : "different";
    counts[status]++;
    const key = encodeBytes(Buffer.from(name, "latin1"));
    const entry: CompareEntry = { key: key.text, keyEncoding: key.encoding, status };
    if (status !== "same") {
      if (a) entry.left = toKvDto(a);
      if (b) entry.right = toKvDto(b);
    }
    return entry;
  });
  const side = (s: CompareSide, revision: string) => {
    const p = encodeBytes(s.prefix);
    return { prefix: p.text, prefixEncoding: p.encoding, revision };
  };
  return {
    header: {
      revision: [l.revision, r.revision].sort((x, y) => (BigInt(x) < BigInt(y) ? 1 : -1))[0],
    },
    left: side(left, l.revision),
    right: side(right, r.revision),
    counts,
    entries,
    truncated: l.truncated || r.truncated,
  };
}
