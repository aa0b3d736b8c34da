import "server-only";
import type { KvDto } from "@/lib/contract";
import type { FeedMessage } from "./watch-messages";

/** A change message: every event of one revision. */
export type ChangeMessage = Extract<FeedMessage, { kind: "change" }>;

/** Most change messages one feed keeps for late joiners and reconnects. */
export const RING_MAX_MESSAGES = 4096;
/** Most bytes (estimated by {@link heldBytes}) one feed's ring may hold. */
export const RING_MAX_BYTES = 32 * 1024 * 1024;

/**
 * Most bytes all rings of the process may hold together. Feeds linger without subscribers
 * (quick reconnects) and any page may open watches from old revisions on many prefixes, so the
 * per-feed bound alone would let their sum grow without limit; past this, the ring that grows
 * trims itself (its late joiners then get their own etcd watcher: exact, only costlier).
 */
export const RINGS_MAX_BYTES = 256 * 1024 * 1024;

/** Bytes held by a set of rings, checked against `maxBytes` (the process shares one). */
export type RingBudget = { bytes: number; maxBytes: number };

const holder = globalThis as unknown as { __etcdExplorerRingBudget?: RingBudget };
/** The process-wide budget every ring draws from by default. */
export function processRingBudget(): RingBudget {
  return (holder.__etcdExplorerRingBudget ??= { bytes: 0, maxBytes: RINGS_MAX_BYTES });
}

/** Bookkeeping per event and per key-value besides its strings (bytes, a rough figure). */
const OVERHEAD_BYTES = 256;

/**
 * The memory (bytes) a change message costs while a ring holds it: its key/value strings once
 * as the message itself, and once more as the one SSE frame encoded from it and cached for
 * every stream (watch-response.ts), plus a fixed overhead per event. An estimate, not a count
 * of V8's heap: UTF-8 lengths of the strings.
 */
export function heldBytes(msg: ChangeMessage): number {
  let bytes = OVERHEAD_BYTES;
  for (const ev of msg.events) {
    bytes += OVERHEAD_BYTES + kvBytes(ev.kv) + (ev.prevKv ? kvBytes(ev.prevKv) : 0);
  }
  return 2 * bytes;
}

function kvBytes(kv: KvDto): number {
  return OVERHEAD_BYTES + Buffer.byteLength(kv.key) + Buffer.byteLength(kv.value);
}

/**
 * The most recent change messages of a feed, in revision order, bounded by count, by its own
 * bytes and by the shared budget of all rings (whichever is hit first): the oldest are dropped
 * to make room. A message larger than the budget left is not kept at all.
 */
export class WatchRing {
  private messages: ChangeMessage[] = [];
  private sizes: number[] = [];
  private total = 0;

  constructor(
    private readonly maxMessages = RING_MAX_MESSAGES,
    private readonly maxBytes = RING_MAX_BYTES,
    private readonly budget: RingBudget = processRingBudget(),
  ) {}

  /**
   * Append `msg` (revisions must increase), then drop the oldest messages until both bounds
   * hold. Returns the revision right after the newest dropped message — the ring now replays
   * every revision from there on — or undefined when nothing was dropped.
   */
  push(msg: ChangeMessage): bigint | undefined {
    const size = heldBytes(msg);
    this.messages.push(msg);
    this.sizes.push(size);
    this.total += size;
    this.budget.bytes += size;
    let coveredFrom: bigint | undefined;
    while (
      this.messages.length > 0 &&
      (this.messages.length > this.maxMessages ||
        this.total > this.maxBytes ||
        this.budget.bytes > this.budget.maxBytes)
    ) {
      coveredFrom = this.messages.shift()!.revision + 1n;
      const dropped = this.sizes.shift()!;
      this.total -= dropped;
      this.budget.bytes -= dropped;
    }
    return coveredFrom;
  }

  /** Forget every message (the history is gone, e.g. compacted, or the feed closed). */
  clear(): void {
    this.budget.bytes -= this.total;
    this.messages = [];
    this.sizes = [];
    this.total = 0;
  }

  /** Messages held. */
  get length(): number {
    return this.messages.length;
  }

  /** Estimated bytes held ({@link heldBytes} summed). */
  get bytes(): number {
    return this.total;
  }

  /** Oldest first. */
  [Symbol.iterator](): Iterator<ChangeMessage> {
    return this.messages[Symbol.iterator]();
  }
}
