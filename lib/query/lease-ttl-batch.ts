import { type LeaseTtlsResponse, MAX_LEASE_TTL_BATCH } from "@/lib/contract";
import { expiryFromTtl } from "@/lib/format/lease-timing";
import { apiFetch } from "./fetcher";

/** How long lease reads are collected before one request goes out, in ms. */
export const LEASE_BATCH_WINDOW_MS = 30;

/**
 * A lease's remaining TTL as the UI keeps it: hex `id`, `grantedTtl` in seconds and `expiresAt`,
 * the absolute expiry in ms since the epoch (estimated from etcd's whole-second TTL, see
 * expiryFromTtl).
 */
export type LeaseExpiry = { id: string; grantedTtl: number; expiresAt: number };

type Waiter = { resolve: (v: LeaseExpiry | null) => void; reject: (e: unknown) => void };

const pending = new Map<string, Waiter[]>();
let timer: ReturnType<typeof setTimeout> | null = null;

/**
 * The remaining TTL of one lease (hex ID), or null when etcd no longer knows it (expired,
 * revoked). Calls made within {@link LEASE_BATCH_WINDOW_MS} of each other share one
 * `GET /api/v1/leases/ttl?ids=…` (etcd LeaseTimeToLive per ID, server side), split every
 * {@link MAX_LEASE_TTL_BATCH} IDs, so a page with many leased keys costs one request per window.
 * @throws ApiError the batch's error (503/504 while etcd is down or slow) to every caller in it.
 */
export function readLeaseExpiry(id: string): Promise<LeaseExpiry | null> {
  const padded = id.padStart(16, "0");
  return new Promise((resolve, reject) => {
    const waiting = pending.get(padded) ?? [];
    waiting.push({ resolve, reject });
    pending.set(padded, waiting);
    timer ??= setTimeout(flush, LEASE_BATCH_WINDOW_MS);
  });
}

function flush(): void {
  timer = null;
  const batch = new Map(pending);
  pending.clear();
  const ids = [...batch.keys()];
  for (let i = 0; i < ids.length; i += MAX_LEASE_TTL_BATCH) {
    void readChunk(ids.slice(i, i + MAX_LEASE_TTL_BATCH), batch);
  }
}

async function readChunk(ids: string[], batch: Map<string, Waiter[]>): Promise<void> {
  try {
    const res = await apiFetch<LeaseTtlsResponse>("/leases/ttl", {
      params: { ids: ids.join(",") },
    });
    const readAt = Date.now();
    const byId = new Map(res.leases.map((l) => [l.id, l]));
    for (const id of ids) {
      const l = byId.get(id);
      const value = l?.exists
        ? { id, grantedTtl: l.grantedTtl, expiresAt: expiryFromTtl(l.ttl, readAt) }
        : null;
      for (const w of batch.get(id) ?? []) w.resolve(value);
    }
  } catch (err) {
    for (const id of ids) for (const w of batch.get(id) ?? []) w.reject(err);
  }
}
