import "server-only";
import type { Etcd3, IKeyValue } from "etcd3";
import { MAX_TXN_OPS } from "../txn-limits";

/** Rounds of probes before the caller falls back to one Range per version. */
const MAX_ROUNDS = 8;

/** A version of the key found so far: its number in the lifetime and its mod revision. */
type Known = { version: bigint; mod: bigint };

/**
 * The `need` versions of one lifetime of `key` just below `top` (newest first, values
 * included), found in a few round trips instead of one Range per version.
 *
 * Within one lifetime (create_revision c to top's mod_revision m) the key exists at every
 * revision, and a Range at revision x returns the version live at x: its number and its mod
 * revision. So each round sends one Txn of up to MAX_TXN_OPS − 1 keys-only Ranges: for each
 * wanted version, the revision where it should be if versions were spread evenly between the
 * two nearest versions already known (interpolation), plus the revision just below the lowest
 * version found, which always yields the next version down (so a round never does worse than
 * the one-Range-per-version walk). The values are then read in Txns of Ranges at the found
 * mod revisions. Versions below the one live at `floor` (the compaction) are not sought.
 * @returns the versions found, newest first and contiguous below `top` (possibly fewer than
 *   `need` after {@link MAX_ROUNDS} rounds: the caller goes on one Range at a time).
 * @throws etcd's errors.
 */
export async function versionsBelow(
  client: Etcd3,
  key: Buffer,
  top: IKeyValue,
  need: number,
  floor: bigint,
): Promise<IKeyValue[]> {
  const v = BigInt(top.version);
  const c = BigInt(top.create_revision);
  const known = new Map<bigint, bigint>([[v, BigInt(top.mod_revision)]]);
  if (c >= floor) known.set(1n, c);
  let lowest = v - BigInt(need) < 1n ? 1n : v - BigInt(need); // lowest version wanted
  const keysOnlyAt = async (revisions: bigint[]) => {
    const res = await client.kv.txn({
      compare: [],
      success: revisions.map((r) => ({
        request_range: { key, revision: r.toString(), keys_only: true },
      })),
      failure: [],
    });
    return res.responses.map((x) => x.response_range?.kvs[0]);
  };

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const sorted = [...known.entries()]
      .map(([version, mod]): Known => ({ version, mod }))
      .sort((a, b) => (a.version < b.version ? -1 : 1));
    const missing: bigint[] = [];
    for (let k = v - 1n; k >= lowest; k--) if (!known.has(k)) missing.push(k);
    if (missing.length === 0) break;
    const probes = new Set<bigint>();
    // The step that always makes progress: just below the lowest contiguous version found.
    let contiguous = v;
    while (known.has(contiguous - 1n)) contiguous--;
    probes.add(known.get(contiguous)! - 1n);
    for (const k of missing) {
      if (probes.size >= MAX_TXN_OPS - 1) break;
      const above = sorted.find((s) => s.version > k)!;
      const below = [...sorted].reverse().find((s) => s.version < k);
      const lo = below ? below.mod + 1n : floor;
      const hi = above.mod - 1n;
      if (hi < lo) continue;
      const x = below
        ? below.mod +
          ((above.mod - below.mod) * (k - below.version)) / (above.version - below.version)
        : hi;
      probes.add(x < lo ? lo : x > hi ? hi : x);
    }
    const revisions = [...probes].filter((r) => r >= floor);
    if (revisions.length === 0) break;
    const found = await keysOnlyAt(revisions);
    for (const kv of found) {
      if (!kv || kv.create_revision !== top.create_revision) continue;
      known.set(BigInt(kv.version), BigInt(kv.mod_revision));
    }
    // Below the compaction nothing older can be read: stop wanting it.
    if (c < floor && !known.has(lowest)) {
      const atFloor = found[revisions.indexOf(floor)];
      if (atFloor && BigInt(atFloor.version) > lowest) lowest = BigInt(atFloor.version);
    }
  }

  const mods: bigint[] = [];
  for (let k = v - 1n; k >= lowest && known.has(k); k--) mods.push(known.get(k)!);
  const out: IKeyValue[] = [];
  for (let i = 0; i < mods.length; i += MAX_TXN_OPS) {
    const res = await client.kv.txn({
      compare: [],
      success: mods
        .slice(i, i + MAX_TXN_OPS)
        .map((r) => ({ request_range: { key, revision: r.toString() } })),
      failure: [],
    });
    for (const x of res.responses) {
      const kv = x.response_range?.kvs[0];
      if (!kv) return out;
      out.push(kv);
    }
  }
  return out;
}
