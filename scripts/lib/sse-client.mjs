// The one Server-Sent Events client of the tests, e2e specs and benches: eventsource-parser does
// the parsing (fields, multi-line data, CRLF, comments, chunk splits), these helpers only decide
// where the bytes come from and where the messages go.
import { createParser } from "eventsource-parser";

/**
 * One SSE message as the gateway sent it.
 * @typedef {object} SseMessage
 * @property {string} event  the `event:` field, "message" when absent (as a browser's EventSource)
 * @property {string} [id]   the `id:` field of this message, if it had one (a revision, decimal)
 * @property {string} data   the `data:` lines joined by "\n" (JSON for every gateway message)
 */

/**
 * A push parser for one SSE response: call the returned function with each chunk as it arrives
 * (bytes are decoded as UTF-8 across chunk boundaries); `onMessage` runs once per complete
 * message. Messages without data (comments, `retry:`) are not reported.
 * @param {(m: SseMessage) => void} onMessage
 * @returns {(chunk: Uint8Array | string) => void}
 */
export function sseParser(onMessage) {
  const decoder = new TextDecoder();
  const parser = createParser({
    onEvent: (e) => onMessage({ event: e.event ?? "message", id: e.id, data: e.data }),
  });
  return (chunk) =>
    parser.feed(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
}

/**
 * A response body to read: a fetch or route handler Response's body, or a node:http response.
 * @typedef {ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>} SseBody
 */

/**
 * Read one SSE body to its end, calling `onMessage` per message.
 * @param {SseBody} body
 * @param {(m: SseMessage) => void} onMessage
 * @returns {Promise<void>} resolves when the body ends
 * @throws what reading the body throws (an abort, a reset, the gateway dropping the stream)
 */
export async function readSse(body, onMessage) {
  const feed = sseParser(onMessage);
  if ("getReader" in body) {
    const reader = body.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      feed(value);
    }
  }
  for await (const chunk of body) feed(chunk);
}

/**
 * GET `url` as an event stream with fetch, as a browser or a second gateway replica would, and
 * call `onMessage` per message. With `retryMs`, the stream is reopened whenever it ends or fails
 * (an HTTP error included), after `retryMs`, with `Last-Event-ID` set to the last id seen — what
 * a browser's EventSource does — until `signal` aborts.
 * @param {string} url
 * @param {object} opts
 * @param {AbortSignal} opts.signal  stops it (and closes the open connection)
 * @param {(m: SseMessage) => void} opts.onMessage
 * @param {Record<string, string>} [opts.headers]  sent on every connection
 * @param {number} [opts.retryMs]  reconnect after this many ms; absent: read one connection only
 * @param {() => void} [opts.onReconnect]  called before each reconnect
 * @returns {Promise<void>} settles when the (one) stream ends, or when `signal` aborts; never
 *   rejects: a failed connection is what the caller measures or retries
 */
export async function followSse(url, opts) {
  let lastId = opts.headers?.["last-event-id"];
  for (;;) {
    try {
      const headers = { accept: "text/event-stream", ...opts.headers };
      if (lastId) headers["last-event-id"] = lastId;
      const res = await fetch(url, { headers, signal: opts.signal });
      if (res.ok && res.body) {
        await readSse(res.body, (m) => {
          if (m.id) lastId = m.id;
          opts.onMessage(m);
        });
      } else {
        await res.body?.cancel();
      }
    } catch {
      // aborted, or the gateway went away: retry below if asked to
    }
    if (opts.retryMs === undefined || opts.signal.aborted) return;
    await new Promise((r) => setTimeout(r, opts.retryMs));
    if (opts.signal.aborted) return;
    opts.onReconnect?.();
  }
}

/**
 * One SSE message whose data has been decoded.
 * @template T
 * @typedef {{ event: string, id?: string, data: T }} DecodedSseMessage
 */

/**
 * Collect the messages of one SSE body in a queue, for tests that wait for particular ones.
 * `next(pred, ms)` takes the first queued message matching `pred` (waiting up to `ms`, default
 * 10 s); messages it passes over stay queued in order for later calls and for `drain()`, so
 * waiting for one kind never loses another.
 * @template T
 * @param {SseBody} body
 * @param {(data: string) => T} decode  how to read each message's data (`JSON.parse` for the
 *   gateway's)
 * @returns {{
 *   next: (pred?: (m: DecodedSseMessage<T>) => boolean, ms?: number) =>
 *     Promise<DecodedSseMessage<T>>,
 *   drain: () => DecodedSseMessage<T>[],
 *   isDone: () => boolean,
 * }}  `next` throws when the body ended (or failed) with no match queued, or on timeout;
 *   `drain` takes every queued message; `isDone` says the body has ended
 */
export function sseInbox(body, decode) {
  /** @type {DecodedSseMessage<T>[]} */
  const queue = [];
  /** @type {(() => void)[]} */
  const waiters = [];
  let done = false;
  const wake = () => waiters.splice(0).forEach((w) => w());
  void readSse(body, (m) => {
    queue.push({ event: m.event, id: m.id, data: decode(m.data) });
    wake();
  })
    .catch(() => undefined) // aborted: ends the inbox like the body's end does
    .finally(() => {
      done = true;
      wake();
    });

  /** @type {(pred?: (m: DecodedSseMessage<T>) => boolean, ms?: number) => Promise<DecodedSseMessage<T>>} */
  async function next(pred = () => true, ms = 10_000) {
    const deadline = Date.now() + ms;
    for (;;) {
      const at = queue.findIndex(pred);
      if (at >= 0) return queue.splice(at, 1)[0];
      if (done) throw new Error("SSE stream ended");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("timed out waiting for an SSE message");
      await new Promise((r) => {
        const timer = setTimeout(r, left);
        waiters.push(() => (clearTimeout(timer), r(undefined)));
      });
    }
  }
  return { next, drain: () => queue.splice(0), isDone: () => done };
}
