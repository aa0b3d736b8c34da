// The demo keyspace `npm start` writes into a freshly created local etcd, so a newcomer has
// something to explore: live service registrations on kept-alive leases, JSON and YAML config,
// a binary value, a key without a leading slash, a few folder levels and an election.
import { Etcd3 } from "etcd3";
import { demoKeys } from "./demo-keys.mjs";

/** Wait before re-registering an instance whose lease was lost (revoked or expired), in ms. */
const REREGISTER_DELAY_MS = 15_000;

/** @typedef {{ key: string, ttl: number, value: string }} LeasedKey */

/** Service instances: `/services/<name>/<instance>` → JSON, each on its own lease. */
const SERVICES = [
  { name: "api", instance: "api-1", port: 8080, version: "2.4.1", ttl: 10 },
  { name: "api", instance: "api-2", port: 8081, version: "2.4.1", ttl: 15 },
  { name: "web", instance: "web-1", port: 3001, version: "1.9.0", ttl: 20 },
  { name: "worker", instance: "worker-1", port: 9100, version: "0.7.3", ttl: 30 },
  { name: "worker", instance: "worker-2", port: 9101, version: "0.8.0-rc.1", ttl: 30 },
];

/** @returns {LeasedKey[]} */
function serviceKeys() {
  return SERVICES.map((s, i) => ({
    key: `/services/${s.name}/${s.instance}`,
    ttl: s.ttl,
    value: JSON.stringify({
      address: `10.0.${1 + (i % 3)}.${10 + i}`,
      port: s.port,
      version: s.version,
      registeredAt: new Date().toISOString(),
    }),
  }));
}

/**
 * @typedef {object} DemoRegistration
 * @property {import('etcd3').Lease[]} leases  the live leases (one per instance / candidate)
 * @property {() => Promise<void>} close        stop re-registering and revoke every lease
 *   (their keys disappear at once); never throws
 */

/**
 * Register the demo's lease-bound keys: each service instance under `/services/<name>/<instance>`
 * and two candidates of a leader election under `/election/scheduler/<lease id hex>` (the layout
 * Go's `concurrency.Election` uses; the leader is the key with the lowest createRevision). Each
 * key gets a fresh lease that etcd3 keeps alive (a keep-alive every TTL/3) while `client` is
 * open. A lost lease (revoked in the UI, or expired while etcd was unreachable) is re-registered
 * after 15 s, as a real service agent would. Call it on every start.
 * @param {Etcd3} client  an open client; must stay open for the keep-alives to run
 * @returns {Promise<DemoRegistration>}
 * @throws the etcd3 error when a lease grant or put fails (e.g. etcd unreachable)
 */
export async function registerDemoServices(client) {
  let closed = false;
  /** @type {Set<import('etcd3').Lease>} */
  const leases = new Set();
  /** @type {Set<NodeJS.Timeout>} */
  const timers = new Set();

  /** @param {(leaseIdHex: string) => string} keyOf @param {number} ttl @param {string} value */
  const register = async (keyOf, ttl, value) => {
    const lease = client.lease(ttl);
    leases.add(lease);
    lease.on("lost", () => {
      leases.delete(lease);
      if (closed) return;
      const t = setTimeout(() => {
        timers.delete(t);
        if (!closed) register(keyOf, ttl, value).catch(() => undefined);
      }, REREGISTER_DELAY_MS);
      timers.add(t);
    });
    const id = BigInt(await lease.grant()).toString(16);
    await lease.put(keyOf(id)).value(value);
  };

  const started = [
    ...serviceKeys().map((s) => register(() => s.key, s.ttl, s.value)),
    register((id) => `/election/scheduler/${id}`, 20, "scheduler-a (pid 4711)"),
  ];
  await Promise.all(started);
  // The second candidate campaigns after the first, so it has the higher createRevision.
  await register((id) => `/election/scheduler/${id}`, 20, "scheduler-b (pid 4712)");

  return {
    get leases() {
      return [...leases];
    },
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      await Promise.allSettled([...leases].map((l) => l.revoke()));
    },
  };
}

/**
 * Write the demo's static keys (demo-keys.mjs: config, a binary value, `welcome`, /registry/…)
 * one put at a time, so each key gets its own revision in a readable order. Overwrites keys of
 * the same names. The lease-bound keys come from {@link registerDemoServices}.
 * @param {string[] | Etcd3} target  client URLs (a client is opened and closed here), or an open
 *   client (left open)
 * @returns {Promise<void>}
 * @throws the etcd3 error when a put fails (e.g. etcd unreachable)
 */
export async function seedDemo(target) {
  const client = Array.isArray(target) ? new Etcd3({ hosts: target }) : target;
  try {
    for (const { key, value } of demoKeys()) await client.put(key).value(value);
  } finally {
    if (client !== target) client.close();
  }
}
