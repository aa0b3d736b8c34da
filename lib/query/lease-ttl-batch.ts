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

/**
 * Other leases a batch may carry along: `dueSoon()` names leases (hex, 16 digits) shown on the
 * page whose own re-read is near anyway; `deliver` hands over what etcd answered for each.
 */
export type LeaseCompanions = {
  dueSoon: () => string[];
  deliver: (id: string, lease: LeaseExpiry | null) => void;
};

type Waiter = { resolve: (v: LeaseExpiry | null) => void; reject: (e: unknown) => void };

const pending = new Map<string, Waiter[]>();
let timer: ReturnType<typeof setTimeout> | null = null;
let companions: LeaseCompanions | null = null;

/**
 * The remaining TTL of one lease (hex ID), or null when etcd no longer knows it (expired,
 * revoked). Calls made within {@link LEASE_BATCH_WINDOW_MS} of each other share one
 * `GET /api/v1/leases/ttl?ids=…` (etcd LeaseTimeToLive per ID, server side), split every
 * {@link MAX_LEASE_TTL_BATCH} IDs, so a page with many leased keys costs one request per window.
 * The batch also carries `extra.dueSoon()`, so leases shown together stay read together.
 * @throws ApiError the batch's error (503/504 while etcd is down or slow) to every caller in it.
 */
export function readLeaseExpiry(id: string, extra?: LeaseCompanions): Promise<LeaseExpiry | null> {
  const padded = id.padStart(16, "0");
  if (extra) companions = extra;
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
  const along = companions;
  for (const id of along?.dueSoon() ?? []) if (!batch.has(id)) batch.set(id, []);
  const ids = [...batch.keys()];
  for (let i = 0; i < ids.length; i += MAX_LEASE_TTL_BATCH) {
    void readChunk(ids.slice(i, i + MAX_LEASE_TTL_BATCH), batch, along);
  }
}

async function readChunk(
  ids: string[],
  batch: Map<string, Waiter[]>,
  along: LeaseCompanions | null,
): Promise<void> {
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
      const waiting = batch.get(id) ?? [];
      if (waiting.length === 0) along?.deliver(id, value);
      for (const w of waiting) w.resolve(value);
    }
  } catch (err) {
    // Companions keep their data; their own schedule reads them again.
    for (const id of ids) for (const w of batch.get(id) ?? []) w.reject(err);
  }
}
