// The search benchmark's keyspace: N keys shaped like a Kubernetes registry
// (/registry/<resource>/<namespace>/<name>), with 256-byte values, written as concurrent raw
// txns of 128 puts. configmaps are the first 10% of the keys in key order (the stats case and
// where the "first match" needle sits); pods are half of them.

/** Share of the keys per resource, in key order. */
const SHARES = [
  ["configmaps", 0.1],
  ["deployments", 0.05],
  ["events", 0.2],
  ["pods", 0.5],
  ["secrets", 0.1],
  ["services", 0.05],
];
/** Namespaces per resource. */
export const NAMESPACES = 500;
/** Bytes per value. */
export const VALUE_BYTES = 256;
const OPS_PER_TXN = 128;
const IN_FLIGHT = 8;

/** The key the first-match case looks for: in configmaps, about 5% into the keyspace. */
export const NEEDLE = "/registry/configmaps/ns-0250/needle-in-the-registry";

/** @param {number} i @param {number} w */
const pad = (i, w) => String(i).padStart(w, "0");

/**
 * Every key, in write order; `total` keys in all (the needle included).
 * @param {number} total
 * @returns {Generator<string>}
 */
export function* benchKeys(total) {
  yield NEEDLE;
  let written = 1;
  for (const [resource, share] of SHARES) {
    const n = Math.max(NAMESPACES, Math.round(total * share));
    const perNs = Math.ceil(n / NAMESPACES);
    const kind = resource.slice(0, -1);
    for (let ns = 0; ns < NAMESPACES && written < total; ns++) {
      for (let i = 0; i < perNs && written < total; i++, written++) {
        // Names as Kubernetes generates them: <app>-<replicaset hash>-<5 chars>.
        const hash = ((ns * 7919 + i * 104729) % 0xfffff).toString(16).padStart(5, "0");
        yield `/registry/${resource}/ns-${pad(ns, 4)}/${kind}-app${i % 37}-${hash}-${pad(i, 6)}`;
      }
    }
  }
}

/** @param {string} key */
function valueFor(key) {
  const head = JSON.stringify({ kind: "Object", key, pad: "" }).slice(0, -2);
  return Buffer.from(`${head}${"x".repeat(Math.max(0, VALUE_BYTES - head.length - 2))}"}`);
}

/**
 * Write `total` keys with raw txns (no compares), 8 in flight.
 * @param {import('etcd3').Etcd3} client
 * @param {number} total
 * @param {(written: number) => void} [onProgress]
 * @returns {Promise<number>} keys written
 */
export async function loadKeyspace(client, total, onProgress) {
  const keys = benchKeys(total);
  let written = 0;
  const nextBatch = () => {
    const ops = [];
    while (ops.length < OPS_PER_TXN) {
      const k = keys.next();
      if (k.done) break;
      ops.push({ request_put: { key: Buffer.from(k.value), value: valueFor(k.value) } });
    }
    return ops;
  };
  const worker = async () => {
    for (let ops = nextBatch(); ops.length > 0; ops = nextBatch()) {
      await client.kv.txn({ compare: [], success: ops, failure: [] });
      written += ops.length;
      onProgress?.(written);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return written;
}
