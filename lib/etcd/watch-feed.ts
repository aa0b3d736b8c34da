import "server-only";
import type { IWatchResponse } from "etcd3";
import { invalidateAuthToken, isInvalidAuthToken } from "./auth-token";
import { getEtcd } from "./client";
import { groupByRevision, type FeedMessage } from "./watch-messages";
import { refusalAction } from "./watch-refusal";
import { WatchRing } from "./watch-ring";
import { openWatchStream, type WatchRange, type WatchStream } from "./watch-stream";

/** How often a progress notification is requested, in ms (keeps resume points fresh). */
const PROGRESS_EVERY_MS = 5_000;
/** No response at all for this long (ms) means a stalled stream: tear down and re-create. */
const STALL_AFTER_MS = 20_000;
/** A feed with no subscribers lingers this long (ms) so quick reconnects replay from its ring. */
const IDLE_LINGER_MS = 30_000;

/** One SSE connection's view of a feed. `send` must not throw. */
export type Subscriber = {
  /** First revision this subscriber wants; undefined = from now. */
  from?: bigint;
  /** Called once the etcd watch exists: current revision, first revision that will follow. */
  ready: (revision: bigint, startRevision: bigint) => void;
  send: (msg: FeedMessage) => void;
};

type Sub = Subscriber & { lastSent: bigint; isReady: boolean };

/**
 * One etcd watcher on a range, shared by every subscriber it can serve. It keeps `delivered`,
 * the last revision fully handed on (events or a progress checkpoint), resumes after any stream
 * failure from `delivered + 1` and drops anything at or below it, so a failover or a server
 * replay neither loses nor duplicates a revision. A ring of recent change messages lets a
 * subscriber resume from any revision ≥ `coverageFrom` without a new etcd watcher.
 */
export class WatchFeed {
  private delivered: bigint | undefined;
  private coverageFrom: bigint | undefined;
  private ring = new WatchRing();
  private subs = new Set<Sub>();
  private stream: WatchStream | undefined;
  private lastHeard = Date.now();
  private attempts = 0;
  private tokenRefreshes = 0;
  private closed = false;
  private timers: NodeJS.Timeout[] = [];
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly range: WatchRange,
    start: bigint | undefined,
    private readonly onClosed: (feed: WatchFeed) => void,
  ) {
    if (start !== undefined) {
      this.delivered = start - 1n;
      this.coverageFrom = start;
    }
    const watchdog = setInterval(() => this.checkStall(), PROGRESS_EVERY_MS);
    watchdog.unref();
    this.timers.push(watchdog);
    void this.connect();
  }

  /** Whether a subscriber starting at `from` (undefined: now) can join without a new watcher. */
  canServe(from: bigint | undefined): boolean {
    if (this.closed) return false;
    if (from === undefined) return true;
    return this.coverageFrom !== undefined && from >= this.coverageFrom;
  }

  /** Add a subscriber: replays what the ring holds from its start, then live messages. */
  attach(sub: Subscriber): void {
    clearTimeout(this.idleTimer);
    const s: Sub = { ...sub, lastSent: 0n, isReady: false };
    this.subs.add(s);
    if (this.delivered !== undefined) this.makeReady(s);
  }

  /** Remove a subscriber; the feed closes after {@link IDLE_LINGER_MS} without any. */
  detach(sub: Subscriber): void {
    for (const s of this.subs) if (s.send === sub.send) this.subs.delete(s);
    if (this.subs.size === 0 && !this.closed) {
      this.idleTimer = setTimeout(() => this.close(), IDLE_LINGER_MS);
      this.idleTimer.unref();
    }
  }

  /** Stop the etcd watcher and forget every subscriber. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stream?.close();
    this.timers.forEach(clearInterval);
    clearTimeout(this.idleTimer);
    this.subs.clear();
    this.onClosed(this);
  }

  private makeReady(s: Sub) {
    const delivered = this.delivered!;
    const start = s.from ?? delivered + 1n;
    s.lastSent = start - 1n;
    s.isReady = true;
    s.ready(delivered, start);
    for (const msg of this.ring) this.deliverTo(s, msg);
  }

  private async connect() {
    if (this.closed) return;
    this.lastHeard = Date.now();
    const start = this.delivered === undefined ? undefined : this.delivered + 1n;
    try {
      const stream = await openWatchStream(this.range, start, {
        onResponse: (res) => this.onResponse(res, start === undefined),
        onEnd: (err) => this.reconnect(err),
      });
      if (this.closed) stream.close();
      else this.stream = stream;
    } catch (err) {
      this.reconnect(err as Error);
    }
  }

  private reconnect(err: Error) {
    if (this.closed) return;
    if (isInvalidAuthToken(err.message)) invalidateAuthToken(getEtcd().watch);
    this.stream?.close();
    this.stream = undefined;
    const delay = Math.min(100 * 2 ** this.attempts++, 2_000);
    console.warn(
      `[watch] stream lost (${err.message}); resuming from ${this.delivered ?? "now"} + 1 in ${delay} ms`,
    );
    const t = setTimeout(() => void this.connect(), delay);
    t.unref();
  }

  private checkStall() {
    if (!this.stream) return;
    if (Date.now() - this.lastHeard > STALL_AFTER_MS) this.reconnect(new Error("stalled"));
    else this.stream.requestProgress();
  }

  private onResponse(res: IWatchResponse, fromNow: boolean) {
    this.lastHeard = Date.now();
    const headerRev = BigInt(res.header.revision);
    if (res.created && res.canceled) return this.refused(res.cancel_reason || "");
    if (res.canceled) {
      if (res.compact_revision && res.compact_revision !== "0") {
        return void this.compacted(BigInt(res.compact_revision));
      }
      if (res.cancel_reason) return this.refused(res.cancel_reason);
      return this.reconnect(new Error("etcd cancelled the watch"));
    }
    if (res.created) {
      this.tokenRefreshes = 0;
      // The created header is the store revision, not a checkpoint — except for a watch from
      // now, which starts right after it.
      if (fromNow && this.delivered === undefined) {
        this.delivered = headerRev;
        this.coverageFrom = headerRev + 1n;
        for (const s of this.subs) if (!s.isReady) this.makeReady(s);
      }
      return;
    }
    this.attempts = 0;
    if (res.events.length === 0) return this.progress(headerRev);
    for (const msg of groupByRevision(res.events)) {
      if (this.delivered !== undefined && msg.revision <= this.delivered) continue; // replayed
      this.coverageFrom = this.ring.push(msg) ?? this.coverageFrom;
      this.delivered = msg.revision;
      for (const s of this.subs) this.deliverTo(s, msg);
    }
  }

  /** A progress notification reaches only synced watchers: all ≤ revision was delivered. */
  private progress(revision: bigint) {
    if (this.delivered === undefined || revision <= this.delivered) return;
    this.delivered = revision;
    for (const s of this.subs) this.deliverTo(s, { kind: "progress", revision });
  }

  /**
   * The history this feed asked for is gone. The cancel response's header carries no usable
   * revision (0 on etcd 3.4), so the reset names the store revision read right now: clients
   * re-list at it and the feed goes on from the next one.
   */
  private async compacted(compactRevision: bigint) {
    this.stream?.close();
    this.stream = undefined;
    let revision: bigint;
    try {
      const res = await getEtcd().read.kv.range({
        key: this.range.key,
        range_end: this.range.rangeEnd,
        count_only: true,
      });
      revision = BigInt(res.header.revision);
    } catch (err) {
      return this.reconnect(err as Error); // retried from the same point: compaction shows again
    }
    if (this.closed) return;
    this.ring.clear();
    this.delivered = revision;
    this.coverageFrom = revision + 1n;
    for (const s of this.subs) {
      s.lastSent = revision;
      s.send({ kind: "reset", compactRevision, revision });
    }
    this.reconnect(new Error(`compacted at ${compactRevision}`));
  }

  /**
   * etcd refused to create the watcher: an expired token is retried from `delivered + 1` with a
   * fresh one (reconnect() drops the cached token), anything else ends the feed (refusalAction).
   */
  private refused(reason: string) {
    const action = refusalAction(reason, this.range, this.tokenRefreshes++);
    if (action.retryWithFreshToken) return this.reconnect(new Error(reason));
    this.fail(action.code, action.message, action.details);
  }

  private fail(code: string, message: string, details?: unknown) {
    for (const s of this.subs) s.send({ kind: "error", code, message, details });
    this.close();
  }

  private deliverTo(s: Sub, msg: FeedMessage) {
    if (!s.isReady || msg.kind === "reset" || msg.kind === "error") return;
    if (msg.revision <= s.lastSent) return;
    s.lastSent = msg.revision;
    s.send(msg);
  }
}
