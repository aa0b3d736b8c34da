// Timing helpers for the tree benchmark: the gateway's GET /tree, `etcdctl get --prefix
// --keys-only` (spawned) and a raw etcd3 keys-only range, each over the same prefix.
import { spawn } from "node:child_process";
import { ETCDCTL_BIN } from "../../scripts/lib/etcd-process.mjs";

/**
 * @typedef {object} Timing
 * @property {number} median  ms
 * @property {number} p95     ms (nearest rank)
 * @property {number} runs
 * @property {string} [note]  what one run returned, e.g. "200 children, more"
 */

/**
 * Run `fn` `warmup` times untimed, then `runs` times timed (sequentially).
 * @param {() => Promise<string | void>} fn  one run; may return a note about what it got
 * @param {{ runs: number, warmup: number }} counts
 * @returns {Promise<Timing>}
 */
export async function time(fn, { runs, warmup }) {
  for (let i = 0; i < warmup; i++) await fn();
  /** @type {number[]} */
  const ms = [];
  let note;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    note = (await fn()) ?? note;
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const rank = (/** @type {number} */ q) =>
    ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)];
  return { median: rank(0.5), p95: rank(0.95), runs, note: note || undefined };
}

/**
 * One `GET /api/v1/tree?prefix=P` (first page, default limit), body read in full.
 * @param {string} baseUrl  e.g. http://127.0.0.1:41234
 * @param {string} prefix
 * @returns {Promise<string>} e.g. "200 children" or "1000 children, more"
 * @throws Error on a non-200 answer (status and body in the message)
 */
export async function treeOnce(baseUrl, prefix) {
  const res = await fetch(`${baseUrl}/api/v1/tree?prefix=${encodeURIComponent(prefix)}`);
  const body = await res.text();
  if (res.status !== 200)
    throw new Error(`GET /tree?prefix=${prefix}: ${res.status} ${body.slice(0, 300)}`);
  const json = JSON.parse(body);
  return `${json.children.length} children${json.more ? ", more" : ""}`;
}

/**
 * One `etcdctl get --prefix --keys-only P`, output read and discarded.
 * @param {string} endpoint  client URL
 * @param {string} prefix
 * @returns {Promise<string>} e.g. "90000 keys"
 * @throws Error when etcdctl exits non-zero
 */
export function etcdctlOnce(endpoint, prefix) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      ETCDCTL_BIN,
      // Large keyspaces take longer than etcdctl's default 5 s command timeout.
      ["--endpoints", endpoint, "--command-timeout=300s", "get", "--prefix", "--keys-only", prefix],
      {
        env: { ...process.env, ETCDCTL_API: "3" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let lines = 0;
    let err = "";
    child.stdout.on("data", (chunk) => {
      for (const byte of chunk) if (byte === 10) lines++;
    });
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("error", reject);
    child.on("exit", (code) => {
      // --keys-only prints each key followed by an empty line.
      if (code === 0) resolve(`${Math.round(lines / 2)} keys`);
      else reject(new Error(`etcdctl exited ${code}: ${err.trim()}`));
    });
  });
}

/**
 * One raw etcd3 keys-only prefix range (`client.getAll().prefix(P).keys()`).
 * @param {import('etcd3').Etcd3} client
 * @param {string} prefix
 * @returns {Promise<string>} e.g. "90000 keys"
 */
export async function rawOnce(client, prefix) {
  const keys = await client.getAll().prefix(prefix).keys();
  return `${keys.length} keys`;
}
