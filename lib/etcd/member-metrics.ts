import "server-only";
import http from "node:http";
import https from "node:https";
import type { EtcdConfig } from "./config";
import { MEMBER_DEADLINE_MS } from "./members";

/** How long a compacted revision read from metrics is reused, in ms (the page polls every 3 s). */
const CACHE_MS = 5_000;
/** Prometheus gauge etcd 3.4–3.6 export for the last compaction (-1: never compacted). */
const COMPACT_GAUGE = "etcd_debugging_mvcc_compact_revision";

const holder = globalThis as unknown as {
  __etcdExplorerCompactRevision?: { urls: string; at: number; value: string | null };
};

/**
 * The store's last compacted revision as a decimal string ("0": never compacted), or null when
 * unknown. No gRPC call reports it on etcd 3.4 (Status doesn't; only a watch from an old
 * revision would, and that replays history), so it comes from the members' Prometheus gauge
 * `GET <clientUrl>/metrics` — compaction goes through raft, so any member's value is the
 * cluster's (at most one apply behind). All URLs are asked at once (TLS/mTLS settings from
 * `config`, {@link MEMBER_DEADLINE_MS} timeout each) and the first answer wins; the result,
 * null included, is cached for {@link CACHE_MS}. Never throws.
 */
export async function compactedRevision(
  clientUrls: string[],
  config: EtcdConfig,
): Promise<string | null> {
  const urls = [...clientUrls].sort().join(",");
  const cached = holder.__etcdExplorerCompactRevision;
  if (cached?.urls === urls && Date.now() - cached.at < CACHE_MS) return cached.value;
  const value = await Promise.any(
    clientUrls.map(async (url) => {
      const v = parseCompactRevision(await getText(`${url}/metrics`, config));
      if (v === null) throw new Error(`${url}: no ${COMPACT_GAUGE}`);
      return v;
    }),
  ).catch(() => null); // no member answered: unknown
  holder.__etcdExplorerCompactRevision = { urls, at: Date.now(), value };
  return value;
}

/** The compact revision gauge from a Prometheus text exposition ("-1" → "0"); null if absent. */
export function parseCompactRevision(metrics: string): string | null {
  const line = metrics.split("\n").find((l) => l.startsWith(`${COMPACT_GAUGE} `));
  if (!line) return null;
  // Gauges print as floats ("1.2345e+06" for large values); revisions stay below 2^53 here.
  const n = Number(line.slice(COMPACT_GAUGE.length + 1));
  if (!Number.isFinite(n)) return null;
  return n < 0 ? "0" : BigInt(Math.round(n)).toString();
}

/**
 * GET `url` as text over http or https (TLS/mTLS settings from `config`), {@link MEMBER_DEADLINE_MS}
 * timeout. Rejects on a non-200 answer.
 */
export function getText(url: string, config: EtcdConfig): Promise<string> {
  const secure = url.startsWith("https:");
  const options = secure
    ? { ca: config.tls?.rootCertificate, cert: config.tls?.certChain, key: config.tls?.privateKey }
    : {};
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).get(
      url,
      { ...options, timeout: MEMBER_DEADLINE_MS },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return reject(new Error(`${url}: HTTP ${res.statusCode}`));
        }
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve(body));
        res.on("error", reject);
      },
    );
    req.on("timeout", () =>
      req.destroy(new Error(`${url}: no answer in ${MEMBER_DEADLINE_MS} ms`)),
    );
    req.on("error", reject);
  });
}
