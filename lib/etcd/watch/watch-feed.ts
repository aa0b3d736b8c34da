import "server-only";
import type { IWatchResponse } from "etcd3";
import { JitteredBackoff } from "@/lib/jittered-backoff";
import { invalidateAuthToken, isInvalidAuthToken } from "../auth-token";
import { getEtcd } from "../client";
import { requestedProgressTrusted } from "./progress-trust";
import { groupByRevision, type FeedMessage } from "./watch-messages";
import { refusalAction } from "./watch-refusal";
import { WatchRing } from "./watch-ring";
import { noteStoreRevision } from "./watch-start";
import { openEtcdWatchStream, type WatchRange, type EtcdWatchStream } from "./watch-stream";
import { watchTiming } from "./watch-timing";

/** A feed with no subscribers lingers this long (ms) so quick reconnects replay from its ring. */
const IDLE_LINGER_MS = 30_000;
/** Reconnect waits after consecutive stream failures (ms): around 100·2ⁿ, jittered, at most 2 s. */
const RECONNECT_INITIAL_MS = 100;
const RECONNECT_MAX_MS = 2_000;

/** One SSE connection's view of a feed. `send` must not throw. */
export type Subscriber = {
  /** First revision this subscriber wants; undefined = from now. */
  from?: bigint;
  /**
   * Called once etcd accepted the watch (its created response), never before: the revision
   * everything up to which was delivered, and the first revision this subscriber will get.
   */
  ready: (revision: bigint, startRevision: bigint) => void;
  send: (msg: FeedMessage) => void;
};

/** `lastChange`: last change revision sent (or start - 1); `lastSent`: last change or progress. */
type Sub = Subscriber & { lastSent: bigint; lastChange: bigint; isReady: boolean };

/**
 * One etcd watcher on a range, shared by every subscriber it can serve. It keeps `delivered`,
 * the last revision fully handed on (events or a trusted progress checkpoint), and resumes after
 * any stream failure from `delivered + 1`, so a failover neither loses nor duplicates a
 * revision. Replays are dropped only against `lastEvent` (revisions of events actually handed
 * on, or the start - 1), never against a progress revision. A ring of recent change messages
 * lets a subscriber resume from any revision ≥ `coverageFrom` without a new etcd watcher.
 *
 * Progress answers (responses without events) are of two kinds, told apart by watch_id:
 * - the periodic notification (create_request.progress_notify with the server flag
 *   --experimental-watch-progress-notify-interval) carries the watcher's own watch_id, travels
 *   through the watcher's own event channel and is sent only to synced watchers: ordered with
 *   the events, so its revision is a checkpoint;
 * - the answer to a requested progress (WatchRequest.progress_request, sent every
 *   `progressEveryMs` for stall detection) carries watch_id -1; before etcd 3.4.31 / 3.5.13 it
 *   can overtake a catching-up watcher's events, so it is a checkpoint only where every member
 *   is known to answer it in order ({@link requestedProgressTrusted}).
 * Either kind is a `heartbeat` to subscribers (etcd is alive), neither ever drops an event.
 * The protocol these serve, its invariants and the etcd bugs behind them: docs/watch-protocol.md.
 */
export class WatchFeed {
  private delivered: bigint | undefined;
  private lastEvent: bigint | undefined;
  private coverageFrom: bigint | undefined;
  /** The current stream's watcher (from its created response): its own progress notifications. */
  private watchId: string | undefined;
  /** etcd created the watcher at least once (not refused): subscribers may be made ready. */
  private accepted = false;
  /**
   * The store revision when etcd first accepted the watch; the feed is live (caught up, so a
   * "from now" watcher may join it) once `delivered` reaches it. Never set for a feed whose
   * start lies beyond it.
   */
  private liveAfter: bigint | undefined;
  private live = false;
  private readonly startsNow: boolean;
  private ring = new WatchRing();
  private subs = new Set<Sub>();
  private stream: EtcdWatchStream | undefined;
  private lastHeard = Date.now();
  private readonly reconnects = new JitteredBackoff(RECONNECT_INITIAL_MS, RECONNECT_MAX_MS);
  private tokenRefreshes = 0;
  private closed = false;
  private timers: NodeJS.Timeout[] = [];
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly range: WatchRange,
    start: bigint | undefined,
    private readonly onClosed: (feed: WatchFeed) => void,
  ) {
    this.startsNow = start === undefined;
    if (start !== undefined) {
      this.delivered = this.lastEvent = start - 1n;
      this.coverageFrom = start;
    }
    const watchdog = setInterval(() => this.checkStall(), watchTiming().progressEveryMs);
    watchdog.unref();
    this.timers.push(watchdog);
    void this.connect();
  }

  /**
   * Whether a subscriber starting at `from` (undefined: now) can join without a new watcher.
   * "From now" joins only a live feed or a "from now" feed etcd has yet to create; never one
   * still replaying a past start or positioned beyond the store revision.
   */
  canServe(from: bigint | undefined): boolean {
    if (this.closed) return false;
    if (from === undefined) return this.live || (this.startsNow && !this.accepted);
    return this.coverageFrom !== undefined && from >= this.coverageFrom;
  }

  /**
   * Add a subscriber. Once etcd has accepted the watch it is made ready: the ring is replayed
   * from its start, then live messages follow.
   */
  attach(sub: Subscriber): void {
    clearTimeout(this.idleTimer);
    const s: Sub = { ...sub, lastSent: 0n, lastChange: 0n, isReady: false };
    this.subs.add(s);
    if (this.accepted) this.makeReady(s);
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
    this.ring.clear(); // gives its bytes back to the process-wide ring budget
    this.onClosed(this);
  }

  private makeReady(s: Sub) {
    const delivered = this.delivered!;
    const start = s.from ?? delivered + 1n;
    s.lastSent = s.lastChange = start - 1n;
    s.isReady = true;
    s.ready(delivered, start);
    for (const msg of this.ring) this.deliverTo(s, msg);
  }

  private async connect() {
    if (this.closed) return;
    this.lastHeard = Date.now();
    const start = this.delivered === undefined ? undefined : this.delivered + 1n;
    try {
      const stream = await openEtcdWatchStream(this.range, start, {
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
    const delay = this.reconnects.next();
    console.warn(
      `[watch] stream lost (${err.message}); resuming from ${this.delivered ?? "now"} + 1 in ${delay} ms`,
    );
    const t = setTimeout(() => void this.connect(), delay);
    t.unref();
  }

  private checkStall() {
    if (!this.stream) return;
    if (Date.now() - this.lastHeard > watchTiming().stallAfterMs) {
      this.reconnect(new Error("stalled"));
    } else {
      this.stream.requestProgress(); // answered even when idle: liveness, and a heartbeat
    }
  }

  private onResponse(res: IWatchResponse, fromNow: boolean) {
    this.lastHeard = Date.now();
    const headerRev = BigInt(res.header.revision);
    noteStoreRevision(headerRev);
    if (res.created && res.canceled) return this.refused(res.cancel_reason || "");
    if (res.canceled) {
      if (res.compact_revision && res.compact_revision !== "0") {
        return void this.compacted(BigInt(res.compact_revision));
      }
      if (res.cancel_reason) return this.refused(res.cancel_reason);
      return this.reconnect(new Error("etcd cancelled the watch"));
    }
    if (res.created) return this.created(res.watch_id, headerRev, fromNow);
    this.reconnects.reset();
    if (res.events.length === 0) return this.progressAnswer(res.watch_id, headerRev);
    for (const msg of groupByRevision(res.events)) {
      if (this.lastEvent !== undefined && msg.revision <= this.lastEvent) continue; // replayed
      this.coverageFrom = this.ring.push(msg) ?? this.coverageFrom;
      this.lastEvent = msg.revision;
      if (this.delivered === undefined || msg.revision > this.delivered) {
        this.delivered = msg.revision;
      }
      for (const s of this.subs) this.deliverTo(s, msg);
    }
    this.checkLive();
  }

  /** etcd created the watcher (again, after a reconnect): subscribers waiting for it get ready. */
  private created(watchId: string, storeRevision: bigint, fromNow: boolean) {
    this.tokenRefreshes = 0;
    this.watchId = watchId;
    // The created header is the store revision, not a checkpoint — except for a watch from
    // now, which etcd starts right after it.
    if (fromNow && this.delivered === undefined) {
      this.delivered = this.lastEvent = storeRevision;
      this.coverageFrom = storeRevision + 1n;
    }
    if (this.accepted) return;
    this.accepted = true;
    if (this.delivered! <= storeRevision) this.liveAfter = storeRevision;
    this.checkLive();
    for (const s of this.subs) if (!s.isReady) this.makeReady(s);
  }

  /**
   * A response without events: a heartbeat for every subscriber, and a checkpoint when it is
   * the watcher's own periodic notification or a requested one from a cluster that answers
   * those in order (see the class comment).
   */
  private progressAnswer(watchId: string, revision: bigint) {
    for (const s of this.subs) if (s.isReady) s.send({ kind: "heartbeat", revision });
    const ownNotification = watchId === this.watchId;
    if (ownNotification || (watchId === "-1" && requestedProgressTrusted())) {
      this.progress(revision);
    }
  }

  /** A trusted progress checkpoint: every event of the range ≤ revision was delivered. */
  private progress(revision: bigint) {
    if (this.delivered === undefined || revision <= this.delivered) return;
    this.delivered = revision;
    this.checkLive();
    for (const s of this.subs) this.deliverTo(s, { kind: "progress", revision });
  }

  private checkLive() {
    if (this.liveAfter !== undefined && this.delivered! >= this.liveAfter) this.live = true;
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
    this.delivered = this.lastEvent = revision;
    this.coverageFrom = revision + 1n;
    this.checkLive();
    for (const s of this.subs) {
      s.lastSent = s.lastChange = revision;
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

  /** A change or progress message to one subscriber, each revision at most once and in order. */
  private deliverTo(s: Sub, msg: Extract<FeedMessage, { kind: "change" | "progress" }>) {
    if (!s.isReady) return;
    if (msg.kind === "change") {
      // Only changes already sent make a change a duplicate; a progress id never does.
      if (msg.revision <= s.lastChange) return;
      s.lastChange = msg.revision;
    } else if (msg.revision <= s.lastSent) {
      return;
    }
    if (msg.revision > s.lastSent) s.lastSent = msg.revision;
    s.send(msg);
  }
}
