// Steady traffic through the gateway for the failover benchmark: readers hitting GET /kv and one
// writer putting fresh keys, each request logged with its start, end and HTTP status.

/**
 * @typedef {object} Sample
 * @property {number} start   Date.now() when the request was sent (ms)
 * @property {number} end     Date.now() when its answer (or failure) arrived (ms)
 * @property {number} status  HTTP status; 0 when the gateway could not be reached or timed out
 * @property {boolean} [serializable]  a read answered by the no-leader fallback
 */

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Start the traffic: `readers` loops each doing GET /api/v1/kv?key=<prefix>probe every
 * `readEveryMs`, and one writer doing PUT /api/v1/kv of `<prefix>w<i>` back to back.
 * @param {object} opts
 * @param {string} opts.url          gateway base URL
 * @param {string} opts.prefix       key prefix (the probe key must exist)
 * @param {number} opts.readers      concurrent reader loops
 * @param {number} opts.readEveryMs  pause between one reader's requests
 * @returns {{reads: Sample[], writes: Sample[], stop: () => Promise<void>}}
 */
export function startTraffic(opts) {
  const reads = /** @type {Sample[]} */ ([]);
  const writes = /** @type {Sample[]} */ ([]);
  let running = true;
  const probe = `${opts.url}/api/v1/kv?key=${encodeURIComponent(`${opts.prefix}probe`)}`;

  const reader = async () => {
    while (running) {
      const start = Date.now();
      const { status, body } = await request(probe, { method: "GET" });
      reads.push({ start, end: Date.now(), status, serializable: body?.header?.serializable });
      await sleep(opts.readEveryMs);
    }
  };
  const writer = async () => {
    for (let i = 0; running; i++) {
      const start = Date.now();
      const { status } = await request(`${opts.url}/api/v1/kv`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ key: `${opts.prefix}w${i}`, value: String(i) }),
      });
      writes.push({ start, end: Date.now(), status });
      if (status !== 200) await sleep(10); // don't spin on a refusing gateway
    }
  };
  const loops = [...Array.from({ length: opts.readers }, reader), writer()];
  return {
    reads,
    writes,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** fetch with a 15 s cap; any failure to get an answer is status 0. */
async function request(url, init) {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  } catch {
    return { status: 0, body: null };
  }
}
