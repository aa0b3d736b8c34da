// Load the benchmark keyspace: ~100k keys shaped like a Kubernetes registry plus one flat folder
// with 10k children, all with 1 KiB values, written as concurrent txns of up to 128 puts.

/** Namespaces under every namespaced resource (so /registry/pods/ has this many children). */
export const NAMESPACES = 200;
/** Keys per namespace, by resource: pods dominate, as in a real cluster. */
const PER_NAMESPACE = { pods: 450, configmaps: 20, secrets: 15, services: 5, deployments: 5 };
/** Cluster-scoped resources: `/registry/<resource>/<name>`. */
const CLUSTER_SCOPED = { namespaces: NAMESPACES, nodes: 50 };
/** Children of the flat folder. */
export const FLAT_CHILDREN = 10_000;
/** Bytes per value. */
export const VALUE_BYTES = 1024;
const OPS_PER_TXN = 128;
const IN_FLIGHT = 16;

/** @param {number} i @param {number} width */
const pad = (i, width) => String(i).padStart(width, "0");

/**
 * Every benchmark key, in write order.
 * @param {number} [scale]  multiplies the per-namespace counts (10 ≈ 1M keys); default 1
 * @returns {Generator<string>}
 */
export function* benchKeys(scale = 1) {
  for (const [resource, n] of Object.entries(CLUSTER_SCOPED)) {
    const stem = resource === "namespaces" ? "ns" : "node";
    for (let i = 0; i < n; i++) yield `/registry/${resource}/${stem}-${pad(i, 3)}`;
  }
  for (const [resource, n] of Object.entries(PER_NAMESPACE)) {
    for (let ns = 0; ns < NAMESPACES; ns++) {
      for (let i = 0; i < n * scale; i++) {
        yield `/registry/${resource}/ns-${pad(ns, 3)}/${resource.slice(0, -1)}-${pad(i, 4)}`;
      }
    }
  }
  for (let i = 0; i < FLAT_CHILDREN; i++) yield `/flat/key-${pad(i, 5)}`;
}

/**
 * @param {number} [scale]  as for {@link benchKeys}
 * @returns {number} how many keys {@link benchKeys} yields
 */
export function benchKeyCount(scale = 1) {
  const namespaced = Object.values(PER_NAMESPACE).reduce((a, b) => a + b, 0) * NAMESPACES * scale;
  const cluster = Object.values(CLUSTER_SCOPED).reduce((a, b) => a + b, 0);
  return namespaced + cluster + FLAT_CHILDREN;
}

/**
 * A 1 KiB value: a small JSON object padded with filler so every value is VALUE_BYTES long.
 * @param {string} key
 * @returns {Buffer}
 */
function valueFor(key) {
  const head = JSON.stringify({ kind: "Object", key, pad: "" }).slice(0, -2);
  return Buffer.from(`${head}${"x".repeat(Math.max(0, VALUE_BYTES - head.length - 2))}"}`);
}

/**
 * Write every benchmark key into the (empty) etcd behind `client` with raw KV txns of up to 128
 * puts (no compares: the success branch always runs), 16 in flight.
 * @param {import('etcd3').Etcd3} client  an open client
 * @param {object} [opts]
 * @param {number} [opts.scale]  as for {@link benchKeys}
 * @param {(written: number) => void} [opts.onProgress]  called after each txn with keys written
 * @returns {Promise<number>} keys written
 * @throws the etcd3 error of the first txn that fails
 */
export async function loadKeyspace(client, { scale = 1, onProgress } = {}) {
  const keys = benchKeys(scale);
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
