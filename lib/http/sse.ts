import "server-only";

/** Something is written at least this often (ms) so proxies and browsers keep the stream. */
export const SSE_KEEPALIVE_MS = 15_000;

/**
 * Most bytes one stream may hold that its client has not taken yet (the gateway's queue for
 * it, not the socket's). A client that falls this far behind — a stopped tab, a hostile page
 * that never reads — is disconnected and resumes with `Last-Event-ID`, instead of the gateway
 * buffering everything written since.
 */
export const SSE_MAX_UNREAD_BYTES = 8 * 1024 * 1024;

/**
 * How long (ms) a stream may stay over {@link SSE_MAX_UNREAD_BYTES} before it is dropped: a
 * burst larger than the cap (etcd replaying history to a new watcher) is fine when the client
 * reads it at once; a client that doesn't is dropped with at most this long's writes more.
 */
export const SSE_OVER_CAP_MS = 1_000;

/**
 * A stream whose client took nothing for this long (ms) while bytes wait for it is closed:
 * a response whose body is never read or cancelled (Next answers HEAD by calling GET and
 * dropping the body) must not hold its stream slot and etcd watcher forever.
 */
export const SSE_STALL_MS = 30_000;

/** The limits in force (bytes, ms); tests lower them. Read on every check. */
export const sseLimits = {
  maxUnreadBytes: SSE_MAX_UNREAD_BYTES,
  overCapMs: SSE_OVER_CAP_MS,
  stallMs: SSE_STALL_MS,
};

/** Frames at most this large (bytes) are merged into one chunk with their neighbours. */
const MERGE_FRAMES_BELOW = 16 * 1024;
/** Merged chunks stay below this size (bytes). */
const MERGED_CHUNK_BYTES = 64 * 1024;

/** Headers of every SSE response (no-transform keeps compression from buffering it). */
export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
  Connection: "keep-alive",
} as const;

/** Writes SSE frames into a stream; every method is a no-op once the stream is closed. */
export type SseWriter = {
  /** One message: `event`, optional `id`, `data` as JSON on one line. */
  send: (event: string, data: unknown, id?: string) => void;
  /** A message already framed by {@link sseFrame} (shared by many streams: encode once). */
  sendFrame: (frame: Uint8Array) => void;
  /** Write a comment line (`: text`). */
  comment: (text: string) => void;
  /** End the response. */
  close: () => void;
};

/**
 * A streaming SSE `Response`. `start` runs once with a writer and returns its cleanup, which
 * runs exactly once when the stream ends: the client goes away (request abort or stream
 * cancel), close(), or the gateway drops a client that doesn't read.
 *
 * Opens with `retry: 1000` and writes a keepalive comment when nothing else was written for
 * {@link SSE_KEEPALIVE_MS}. The body respects backpressure: what the client has not taken
 * stays queued (bytes counted), and the stream is aborted — queue, stream slot and watcher
 * freed at once; the connection ends in error once the socket takes what it already holds, and
 * the browser reconnects with `Last-Event-ID` — when that stays over
 * `sseLimits.maxUnreadBytes` for `sseLimits.overCapMs`, or nothing was taken for
 * `sseLimits.stallMs`. What `start` writes synchronously (a replay of recent revisions) may
 * exceed the cap; the cap applies to what comes after, on top of whatever part of that replay is
 * still unread.
 *
 * Frames are queued as given, so a frame shared by many streams is one copy in memory; only
 * small frames written in one tick are merged into one chunk, and only while the client keeps
 * up (a burst of revisions then costs a few socket writes, not thousands).
 */
export function sseResponse(req: Request, start: (sse: SseWriter) => () => void): Response {
  const encoder = new TextEncoder();
  let cleanup: (() => void) | undefined;
  let closed = false;
  let lastWrite = Date.now();
  let ctrl!: ReadableStreamDefaultController<Uint8Array>;
  let checker: NodeJS.Timeout | undefined;

  // With a high-water mark of 0, desiredSize is minus the bytes queued and not yet read.
  const unread = () => Math.max(0, -(ctrl.desiredSize ?? 0));
  let enqueued = 0; // bytes ever queued; enqueued - unread() = bytes the client took
  let replayBytes = 0; // written while `start` ran: exempt from the cap until read
  let starting = false;
  let lastTaken = 0;
  let lastTakenAt = Date.now();
  let overCapSince: number | undefined;

  /** Drop the stream once it has been over the cap for `overCapMs`; true when dropped. */
  const enforceCap = (now: number): boolean => {
    const replayUnread = Math.max(0, replayBytes - (enqueued - unread()));
    if (unread() <= sseLimits.maxUnreadBytes + replayUnread) {
      overCapSince = undefined;
      return false;
    }
    overCapSince ??= now;
    if (now - overCapSince < sseLimits.overCapMs) return false;
    drop(`${unread()} bytes unread, over the ${sseLimits.maxUnreadBytes}-byte cap`);
    return true;
  };

  let pending: Uint8Array[] = [];
  const flush = () => {
    const frames = pending;
    pending = [];
    if (closed || frames.length === 0) return;
    try {
      for (const chunk of chunksOf(frames, unread() < MERGED_CHUNK_BYTES)) {
        ctrl.enqueue(chunk);
        enqueued += chunk.byteLength;
      }
    } catch {
      return finish();
    }
    enforceCap(Date.now());
  };
  const write = (text: string | Uint8Array) => {
    if (closed) return;
    if (pending.length === 0) setImmediate(flush);
    const bytes = typeof text === "string" ? encoder.encode(text) : text;
    pending.push(bytes);
    if (starting) replayBytes += bytes.byteLength;
    lastWrite = Date.now();
  };
  /** Every second: keepalive, and drop a client over the cap or that took nothing for long. */
  const check = () => {
    const now = Date.now();
    if (enforceCap(now)) return;
    const taken = enqueued - unread();
    if (taken !== lastTaken || unread() === 0) {
      lastTaken = taken;
      lastTakenAt = now;
    } else if (now - lastTakenAt >= sseLimits.stallMs) {
      return drop(`client took nothing for ${now - lastTakenAt} ms`);
    }
    if (now - lastWrite >= SSE_KEEPALIVE_MS - 1_000) writer.comment("keepalive");
  };
  /** End the stream: gracefully (pending frames still go out), or aborted with `error`. */
  const finish = (error?: Error) => {
    if (closed) return;
    closed = true;
    clearInterval(checker);
    req.signal.removeEventListener("abort", onAbort);
    try {
      cleanup?.();
    } catch (err) {
      console.error("[sse] cleanup threw", err);
    }
    const frames = pending;
    pending = [];
    try {
      if (error) {
        ctrl.error(error); // discards the queue; Next then destroys the response
      } else {
        for (const chunk of chunksOf(frames, true)) ctrl.enqueue(chunk);
        ctrl.close();
      }
    } catch {
      // already closed or cancelled
    }
  };
  /** A client that doesn't read: free what it holds now; it comes back with Last-Event-ID. */
  const drop = (why: string) => {
    console.warn(`[sse] dropping a stream whose client is not reading: ${why}`);
    // An AbortError, because Next treats it as the client going away rather than a failure.
    finish(new DOMException(`slow consumer: ${why}`, "AbortError"));
  };
  const onAbort = () => finish();
  const writer: SseWriter = {
    send: (event, data, id) => write(sseFrame(event, data, id)),
    sendFrame: write,
    comment: (text) => write(`: ${text}\n\n`),
    close: () => finish(),
  };

  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        ctrl = controller;
        write("retry: 1000\n\n");
        req.signal.addEventListener("abort", onAbort);
        checker = setInterval(check, 1_000);
        checker.unref?.();
        starting = true;
        try {
          cleanup = start(writer);
        } finally {
          starting = false;
        }
        if (closed) cleanup();
      },
      cancel: () => finish(),
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 0 }),
  );
  return new Response(body, { headers: SSE_HEADERS });
}

/**
 * The chunks to enqueue for `frames`: each frame as it is (no copy), except that runs of small
 * frames are merged into chunks of up to {@link MERGED_CHUNK_BYTES} when `merge` is true.
 */
function chunksOf(frames: Uint8Array[], merge: boolean): Uint8Array[] {
  if (!merge || frames.length === 1) return frames;
  const out: Uint8Array[] = [];
  let run: Uint8Array[] = [];
  let runBytes = 0;
  const endRun = () => {
    if (run.length) out.push(run.length === 1 ? run[0] : Buffer.concat(run, runBytes));
    run = [];
    runBytes = 0;
  };
  for (const frame of frames) {
    if (frame.byteLength >= MERGE_FRAMES_BELOW) {
      endRun();
      out.push(frame);
      continue;
    }
    if (runBytes + frame.byteLength > MERGED_CHUNK_BYTES) endRun();
    run.push(frame);
    runBytes += frame.byteLength;
  }
  endRun();
  return out;
}

const frameEncoder = new TextEncoder();

/** One SSE message as bytes: `event`, optional `id`, `data` as one line of JSON. */
export function sseFrame(event: string, data: unknown, id?: string): Uint8Array {
  const idLine = id !== undefined ? `id: ${id}\n` : "";
  return frameEncoder.encode(`event: ${event}\n${idLine}data: ${JSON.stringify(data)}\n\n`);
}
